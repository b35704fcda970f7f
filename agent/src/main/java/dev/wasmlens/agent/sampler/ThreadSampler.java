package dev.wasmlens.agent.sampler;

import dev.wasmlens.agent.bootstrap.AgentFailures;
import dev.wasmlens.agent.bootstrap.SchedStat;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.Selector;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jdk.jfr.EventType;

/**
 * Samples every thread of the process (Java or not) and the machine's CPUs at a fixed period, as
 * {@code wasmlens.ThreadSample} and {@code wasmlens.MachineSample} events, so that the analyzer can
 * tell who had the cores while a wasm operation waited for one. Runs only in a diagnosis recording
 * ({@code wasmlens.cpu-time=all}), on one daemon thread of its own that never blocks an application
 * thread; between recordings that enable its events it wakes, finds them off and sleeps again.
 *
 * <p>Each round re-reads one open {@code schedstat} per thread (about 1.5 us of CPU each here).
 * Every {@link #SLOW_ROUNDS} rounds the thread list is scanned again (about 35 us), so a new thread
 * is followed from at most that many periods after it started, and {@code /proc/stat} is read
 * (about 9 us: the kernel formats every CPU's and interrupt's counters), whose ticks are 10 ms
 * anyway.
 */
public final class ThreadSampler implements Runnable {
  /**
   * The default period: fine enough to name who had the cores during a tail's millisecond stalls
   * (the fault suite scored alike at 20 and 40 ms), at under 1% of a core on this project's VM,
   * where one wake-up alone costs the sampler about 125 us of CPU (docs/benchmarks.md).
   */
  public static final long DEFAULT_PERIOD_MILLIS = 40;

  private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

  /** Rounds between two scans of the thread list, and between two machine samples. */
  static final int SLOW_ROUNDS = 10;

  static final String THREAD_NAME = "wasmlens-sampler";

  private static final Path TASKS = Paths.get("/proc/self/task");

  private static volatile ThreadSampler started;

  private final long periodNanos;
  private final Map<Long, SampledThread> threads = new HashMap<>();
  private final EventType threadSampleType = EventType.getEventType(ThreadSampleEvent.class);
  private final long startNanos = System.nanoTime();
  private MachineStat machine;
  private MachineSampleEvent pendingMachine;
  private long lastBusy;
  private long lastSteal;
  private long lastIdle;
  private long processCpuSinceMachineSample;
  private volatile long rounds;
  private Thread thread;

  private ThreadSampler(long periodNanos) {
    this.periodNanos = periodNanos;
  }

  /**
   * Starts the process's sampler with a period of {@code periodMillis}, once; returns what the
   * agent's start line should say of it.
   */
  public static synchronized String start(long periodMillis) {
    if (started != null) {
      return "";
    }
    if (!SchedStat.SUPPORTED || !Files.isDirectory(TASKS)) {
      return ", no thread sampler (this system has no /proc/thread-self/schedstat)";
    }
    ThreadSampler sampler = new ThreadSampler(TimeUnit.MILLISECONDS.toNanos(periodMillis));
    try {
      sampler.machine = MachineStat.open();
    } catch (IOException e) {
      // Threads are still sampled; the machine's busy and steal time go unrecorded.
      AgentFailures.record(e);
    }
    Thread thread = new Thread(sampler, THREAD_NAME);
    thread.setDaemon(true);
    sampler.thread = thread;
    thread.start();
    started = sampler;
    return ", sampling threads every " + periodMillis + " ms";
  }

  /** The exit line of the sampler, or null when none was started. */
  public static String summaryLine() {
    ThreadSampler sampler = started;
    if (sampler == null) {
      return null;
    }
    long cpu = ManagementFactory.getThreadMXBean().getThreadCpuTime(sampler.thread.getId());
    double seconds = (System.nanoTime() - sampler.startNanos) / 1e9;
    return String.format(
        "thread sampler: %d rounds, %d ms CPU in %.1f s (%.2f%% of one core)",
        sampler.rounds, TimeUnit.NANOSECONDS.toMillis(cpu), seconds, cpu / 1e7 / seconds);
  }

  @Override
  public void run() {
    try (Selector timer = Selector.open()) {
      long deadline = System.nanoTime();
      while (true) {
        deadline += periodNanos;
        long wait;
        while ((wait = deadline - System.nanoTime()) > 0) {
          // A selector with nothing registered, as a timer: parking or sleeping would make a JFR
          // ThreadPark or ThreadSleep event (with a stack trace) every round.
          // Rounded up: one wake-up a round, a millisecond late at most.
          timer.select(Math.max(1, (wait + MILLI - 1) / MILLI));
        }
        try {
          if (threadSampleType.isEnabled()) {
            round();
          }
        } catch (RuntimeException | LinkageError e) {
          AgentFailures.record(e);
        }
        // After a stall (the machine, a pause) the next round is one period from now, not a burst.
        deadline = Math.max(deadline, System.nanoTime() - periodNanos);
      }
    } catch (IOException e) {
      AgentFailures.record(e);
    }
  }

  private void round() {
    boolean slowRound = rounds++ % SLOW_ROUNDS == 0;
    if (slowRound) {
      rescan();
    }
    for (Iterator<SampledThread> it = threads.values().iterator(); it.hasNext(); ) {
      SampledThread sampled = it.next();
      if (!slowRound && sampled.idle()) {
        continue;
      }
      long cpu = sampled.sample();
      if (cpu < 0) {
        sampled.close();
        it.remove();
      } else {
        processCpuSinceMachineSample += cpu;
      }
    }
    if (slowRound) {
      sampleMachine();
    }
  }

  private void rescan() {
    Set<Long> alive = new HashSet<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        long tid = Long.parseLong(task.getFileName().toString());
        alive.add(tid);
        SampledThread known = threads.get(tid);
        if (known != null) {
          known.settleName();
          continue;
        }
        try {
          threads.put(tid, SampledThread.open(tid, task));
        } catch (IOException e) {
          // Ended between the listing and the open: nothing to follow.
        }
      }
    } catch (IOException | NumberFormatException e) {
      AgentFailures.record(e);
    }
    for (Iterator<Map.Entry<Long, SampledThread>> it = threads.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<Long, SampledThread> entry = it.next();
      if (!alive.contains(entry.getKey())) {
        entry.getValue().close();
        it.remove();
      }
    }
  }

  private void sampleMachine() {
    if (machine == null || !machine.read()) {
      return;
    }
    if (pendingMachine != null) {
      pendingMachine.end();
      pendingMachine.cpus = Runtime.getRuntime().availableProcessors();
      pendingMachine.busy = machine.busyNanos() - lastBusy;
      pendingMachine.steal = machine.stealNanos() - lastSteal;
      pendingMachine.idle = machine.idleNanos() - lastIdle;
      pendingMachine.processCpu = processCpuSinceMachineSample;
      pendingMachine.commit();
    }
    processCpuSinceMachineSample = 0;
    lastBusy = machine.busyNanos();
    lastSteal = machine.stealNanos();
    lastIdle = machine.idleNanos();
    pendingMachine = new MachineSampleEvent();
    pendingMachine.begin();
  }
}
