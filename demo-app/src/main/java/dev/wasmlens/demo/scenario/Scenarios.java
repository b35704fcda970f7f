package dev.wasmlens.demo.scenario;

import java.util.List;
import java.util.Optional;

/** The fault suite's scenarios, in the order they run. */
final class Scenarios {
  static final List<Scenario> ALL =
      List.of(
          new Scenario(
              "alloc-gc",
              "fresh-instance",
              LoadPattern.STEADY,
              "alloc-gc",
              "GC_SAFEPOINT|CPU_STARVATION/APPLICATION_THREADS@fault-alloc-gc",
              null,
              "allocation alone (600 MiB/s, 48 MiB kept live, no System.gc()) in a 256 MiB heap makes"
                  + " G1 collect several times a second; its stop-the-world pauses hold up every"
                  + " operation returning to Java, and the allocating thread itself keeps a core"
                  + " busy"),
          new Scenario(
              "cpu-hog",
              "fresh-instance",
              LoadPattern.STEADY,
              "cpu-hog",
              "CPU_STARVATION/OTHER_PROCESSES",
              null,
              "one busy-loop process per core outside the JVM: the service's threads wait for a"
                  + " core"),
          new Scenario(
              "host-block",
              "shared-store",
              LoadPattern.STEADY,
              "host-block",
              "CONTENTION",
              "HOST_FUNCTIONS",
              "the injector's call holds the one shared store's native lock while its host function"
                  + " sleeps 30 ms: requests wait for that lock inside Func.call (contention on a"
                  + " native lock); the injector's own call is slow in its host function"),
          new Scenario(
              "reentrant-lock",
              "prewarmed-pool",
              LoadPattern.STEADY,
              "reentrant-lock",
              "CONTENTION",
              null,
              "the injector holds the ReentrantLock every request's host function takes, 40 ms at a"
                  + " time: calls park inside their host call"),
          new Scenario(
              "large-memory",
              "fresh-instance",
              LoadPattern.STEADY,
              "large-memory",
              "CPU_STARVATION/APPLICATION_THREADS@fault-large-memory|CONTENTION",
              null,
              "a thread of the service creates, touches (16384 page faults) and tears down fresh"
                  + " 64 MiB instances nonstop, mostly in the kernel: requests compete with it for"
                  + " the two cores, taken by another thread of the same process, and their"
                  + " instantiations and teardowns (mmap, munmap) for the process's memory map lock,"
                  + " which its unmapping holds (contention)"),
          new Scenario(
              "class-gen",
              "fresh-instance",
              LoadPattern.STEADY,
              "class-gen",
              "JIT|CPU_STARVATION/APPLICATION_THREADS@fault-class-gen",
              null,
              "new classes with large methods generated and run until C2 compiles them: the compiler"
                  + " threads compiling them and the injector's own thread defining and running them"
                  + " take the cores from the requests (its detail gives both CPU times)"),
          new Scenario(
              "clean-idle",
              "fresh-instance",
              LoadPattern.TRICKLE,
              null,
              null,
              null,
              "no fault; a trickle of requests"),
          new Scenario(
              "clean-steady",
              "prewarmed-pool",
              LoadPattern.STEADY,
              null,
              null,
              null,
              "no fault; a steady open loop"),
          new Scenario(
              "clean-bursty",
              "hybrid",
              LoadPattern.BURSTY,
              null,
              null,
              null,
              "no fault; bursts of back-to-back requests, silence between them"));

  private Scenarios() {}

  /** The scenario called {@code name}. */
  static Optional<Scenario> named(String name) {
    return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
