package dev.wasmlens.agent.bootstrap;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The current thread's CPU time, for the {@code cpuTime} fields. Wall time minus CPU time of a
 * phase is the time its thread spent off CPU: blocked, preempted or stopped.
 *
 * <p>A reading is a system call for the thread's CPU clock, about 0.75 us on a VM and two per phase
 * (docs/benchmarks.md): negligible next to a compile or an instantiation, most of the agent's cost
 * on a short call. So {@code wasmlens.cpu-time} chooses the phases that read it.
 */
public final class ThreadCpuClock {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean SUPPORTED = THREADS.isCurrentThreadCpuTimeSupported();

  /** {@code wasmlens.cpu-time}: which phases read the CPU clock. */
  public enum Scope {
    /**
     * Every phase, host calls and teardowns included, with the thread's run-queue wait and switches
     * beside the CPU time where Linux offers them: the recording for a diagnosis.
     */
    ALL,
    /** Compile, store creation and instantiation; not calls. The default. */
    SET_UP,
    /** No phase. */
    OFF
  }

  private static volatile boolean forSetUp = SUPPORTED;
  private static volatile boolean forCalls;

  private ThreadCpuClock() {}

  /**
   * Sets which phases read the clock, and whether they also read the run-queue wait; phases that do
   * not have an unknown {@code cpuTime} ({@code Long.MIN_VALUE}, shown as N/A).
   */
  public static void enable(Scope scope) {
    forSetUp = SUPPORTED && scope != Scope.OFF;
    forCalls = SUPPORTED && scope == Scope.ALL;
    RunQueueClock.enable(forCalls);
  }

  /** Whether set-up phases (compile, store creation, instantiation) read the clock. */
  static boolean forSetUp() {
    return forSetUp;
  }

  /** Whether calls of exported functions, host calls and teardowns read the clock. */
  static boolean forCalls() {
    return forCalls;
  }

  /** CPU nanoseconds of the current thread. */
  static long nanos() {
    return THREADS.getCurrentThreadCpuTime();
  }
}
