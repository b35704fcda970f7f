package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.Evidence;
import dev.wasmlens.analysis.read.MachineActivity;
import dev.wasmlens.analysis.read.ThreadActivity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Who had the CPUs, from the agent's thread sampler: every thread's CPU time per sampling interval,
 * the machine's busy and stolen time, indexed by time, and which threads were Java threads (by OS
 * thread id). A sample's CPU time is spread evenly over its interval, but for the GC threads that
 * work only in pauses, whose time is put in the recorded pauses. Empty for recordings without the
 * sampler.
 */
public final class CpuActivity {
  /** Kinds of thread that compete for the CPUs, each with the cause their CPU time counts to. */
  public enum Competitor {
    GC_THREADS("GC and VM threads", Cause.GC_SAFEPOINT),
    JIT_COMPILER_THREADS("JIT compiler threads", Cause.JIT),
    OBSERVER_THREADS("JFR and WasmLens threads", Cause.CPU_STARVATION),
    NATIVE_THREADS(
        "native threads (Wasmtime's own, named after their creator)", Cause.CPU_STARVATION),
    /**
     * Application threads running in the wake of a pause ({@link CpuActivity#PAUSE_WAKE_FACTOR}):
     * held by it, they all wanted a CPU at once when it ended.
     */
    PAUSE_CATCH_UP("application threads catching up after a pause", Cause.GC_SAFEPOINT),
    APPLICATION_THREADS("other application threads", Cause.CPU_STARVATION),
    OTHER_PROCESSES("other processes", Cause.CPU_STARVATION),
    HYPERVISOR_STEAL("hypervisor steal", Cause.CPU_STARVATION);

    private final String label;
    private final Cause cause;

    Competitor(String label, Cause cause) {
      this.label = label;
      this.cause = cause;
    }

    public String label() {
      return label;
    }

    public Cause cause() {
      return cause;
    }
  }

  /**
   * What competed with one thread for the CPUs over an interval: CPU nanoseconds per kind of
   * competitor, and per thread, busiest first; and the time each kind of this process's threads
   * spent waiting for a CPU themselves.
   */
  public record Competition(
      Map<Competitor, Long> nanos, List<Competing> threads, Map<Competitor, Long> waitNanos) {
    public long total() {
      return nanos.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** One competing thread: its name (the Java name when it ran wasm), kind and CPU time. */
  public record Competing(String name, Competitor kind, long nanos) {}

  private static final List<String> GC_PREFIXES =
      List.of("GC Thread", "G1 ", "VM Thread", "ZWorker", "ZDriver", "ZDirector", "Shenandoah");

  /**
   * How long after a pause, in multiples of its length, the application threads it held count as
   * catching up on it: a thread runnable throughout a pause has a pause's worth of work waiting.
   */
  static final double PAUSE_WAKE_FACTOR = 1.0;

  /**
   * GC threads that work only while the JVM is stopped for a collection (G1's and Parallel's
   * workers): their CPU time in a sample lies in the sample's GC pauses, not spread over its whole
   * period, which would hide a collection's burst from the operations it stalled. The VM thread's
   * lies in the sample's safepoints of any kind.
   */
  private static final List<String> GC_WORKER_PREFIXES = List.of("GC Thread");

  /** How a GC pause's {@code what} begins (RecordingScan names them so). */
  private static final String GC_PAUSE = "GC pause";

  /** The thread that runs every safepoint's operation, a collection's or not. */
  private static final String VM_THREAD = "VM Thread";

  private static final List<String> JIT_PREFIXES = List.of("C1 Compiler", "C2 Compiler", "JVMCI");
  private static final List<String> OBSERVER_PREFIXES = List.of("JFR ", "wasmlens-");

  /** The kernel's name of threads that inherit the JVM launcher's: Wasmtime's, and main. */
  private static final String LAUNCHER_NAME = "java";

  private final StartOrdered<ThreadActivity> threads;
  private final List<MachineActivity> machine;
  private final Map<Long, String> javaThreads;
  private final boolean everyJavaThreadKnown;
  private final PauseUnion pauses;
  private final PauseUnion gcPauses;
  private final PauseUnion wakes;

  /**
   * Who had the CPUs in {@code evidence}: its thread samples, the machine's, and the Java threads
   * it knows; its pauses place the stop-the-world GC workers' CPU time inside them.
   */
  public CpuActivity(Evidence evidence) {
    this.threads =
        new StartOrdered<>(
            evidence.threadActivity(), ThreadActivity::startNanos, ThreadActivity::endNanos);
    this.machine = new ArrayList<>(evidence.machineActivity());
    this.machine.sort(Comparator.comparingLong(MachineActivity::startNanos));
    this.javaThreads = evidence.javaThreads();
    this.everyJavaThreadKnown = evidence.everyJavaThreadKnown();
    this.pauses = PauseUnion.of(evidence.pauses());
    this.gcPauses =
        PauseUnion.of(
            evidence.pauses().stream()
                .filter(p -> p.what().startsWith(GC_PAUSE))
                .collect(Collectors.toList()));
    this.wakes = pauses.wakes(PAUSE_WAKE_FACTOR);
  }

  public boolean isEmpty() {
    return threads.all().isEmpty();
  }

  /**
   * What competed with the thread {@code osThreadId} for the CPUs during {@code [start, end]}: the
   * other threads' CPU time and the machine's, each sample prorated to its overlap (a GC worker's
   * and the VM thread's placed in the pauses instead), application threads in a pause's wake told
   * apart as catching up on it.
   */
  public Competition competitionFor(long osThreadId, long start, long end) {
    Map<Competitor, Long> nanos = new EnumMap<>(Competitor.class);
    Map<Competitor, Long> waitNanos = new EnumMap<>(Competitor.class);
    Map<ThreadPart, Competing> byThread = new HashMap<>();
    long processCpu = 0;
    for (ThreadActivity sample : threads.startingNear(start, end)) {
      if (sample.startNanos() >= end) {
        break;
      }
      long cpu = placed(sample, start, end);
      long wait = sample.prorated(sample.runQueueNanos(), start, end);
      processCpu += Math.max(0, cpu);
      if (sample.osThreadId() == osThreadId || cpu <= 0 && wait <= 0) {
        continue;
      }
      Competitor kind = kindOf(sample.osThreadId(), sample.threadName());
      if (wait > 0) {
        waitNanos.merge(kind, wait, Long::sum);
      }
      if (cpu <= 0) {
        continue;
      }
      String name = name(sample.osThreadId(), sample.threadName(), kind);
      if (kind == Competitor.APPLICATION_THREADS) {
        long catchingUp = Math.min(cpu, wakes.prorateInPauses(sample, start, end));
        if (catchingUp > 0) {
          add(nanos, byThread, sample.osThreadId(), name, Competitor.PAUSE_CATCH_UP, catchingUp);
          cpu -= catchingUp;
        }
      }
      if (cpu > 0) {
        add(nanos, byThread, sample.osThreadId(), name, kind, cpu);
      }
    }
    long otherProcesses = 0;
    long steal = 0;
    long machineProcessCpu = 0;
    for (MachineActivity sample : machine) {
      if (sample.endNanos() <= start || sample.startNanos() >= end) {
        continue;
      }
      otherProcesses += sample.prorated(sample.busyNanos(), start, end);
      machineProcessCpu += sample.prorated(sample.processCpuNanos(), start, end);
      steal += sample.prorated(sample.stealNanos(), start, end);
    }
    // The machine's counters tick every 10 ms: over a short interval only a difference that
    // survives the coarser of the two process measures is another process's.
    otherProcesses -= Math.max(processCpu, machineProcessCpu);
    if (otherProcesses > 0) {
      nanos.put(Competitor.OTHER_PROCESSES, otherProcesses);
    }
    if (steal > 0) {
      nanos.put(Competitor.HYPERVISOR_STEAL, steal);
    }
    List<Competing> busiest = new ArrayList<>(byThread.values());
    // Ties by name: the map's order follows identity hashes, which differ from build to build.
    busiest.sort(
        Comparator.comparingLong(Competing::nanos)
            .reversed()
            .thenComparing(Competing::name, Comparator.nullsLast(Comparator.naturalOrder())));
    return new Competition(nanos, busiest, waitNanos);
  }

  private static void add(
      Map<Competitor, Long> nanos,
      Map<ThreadPart, Competing> byThread,
      long osThreadId,
      String name,
      Competitor kind,
      long cpu) {
    nanos.merge(kind, cpu, Long::sum);
    byThread.merge(
        new ThreadPart(osThreadId, kind),
        new Competing(name, kind, cpu),
        (a, b) -> new Competing(a.name(), a.kind(), a.nanos() + b.nanos()));
  }

  /** One thread's CPU time of one kind: an application thread's may be in part a catch-up. */
  private record ThreadPart(long osThreadId, Competitor kind) {}

  Competitor kindOf(long osThreadId, String name) {
    String kernelName = name == null ? "" : name;
    if (GC_PREFIXES.stream().anyMatch(kernelName::startsWith)) {
      return Competitor.GC_THREADS;
    }
    if (JIT_PREFIXES.stream().anyMatch(kernelName::startsWith)) {
      return Competitor.JIT_COMPILER_THREADS;
    }
    if (OBSERVER_PREFIXES.stream().anyMatch(kernelName::startsWith)) {
      return Competitor.OBSERVER_THREADS;
    }
    if (javaThreads.containsKey(osThreadId)) {
      return Competitor.APPLICATION_THREADS;
    }
    // Native threads take their creator's name: Wasmtime's compile threads started from a thread
    // "worker-1" are "worker-1" too, and only the list of Java threads tells them apart.
    return everyJavaThreadKnown || kernelName.equals(LAUNCHER_NAME)
        ? Competitor.NATIVE_THREADS
        : Competitor.APPLICATION_THREADS;
  }

  /** The part of {@code sample}'s CPU time that falls in {@code [start, end]}. */
  private long placed(ThreadActivity sample, long start, long end) {
    String name = sample.threadName() == null ? "" : sample.threadName();
    if (GC_WORKER_PREFIXES.stream().anyMatch(name::startsWith)) {
      return gcPauses.placeInPauses(sample, start, end);
    }
    if (name.startsWith(VM_THREAD)) {
      return pauses.placeInPauses(sample, start, end);
    }
    return sample.prorated(sample.cpuNanos(), start, end);
  }

  /**
   * A thread's name in the evidence: its Java name, or the kernel's marked as a native thread's.
   */
  private String name(long osThreadId, String kernelName, Competitor kind) {
    String javaName = javaThreads.get(osThreadId);
    if (javaName != null) {
      return javaName;
    }
    return kind == Competitor.NATIVE_THREADS ? kernelName + " (native)" : kernelName;
  }
}
