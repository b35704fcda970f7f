package dev.wasmlens.agent.bootstrap;

import dev.wasmlens.agent.bootstrap.jfr.ClockedWasmEvent;
import dev.wasmlens.agent.bootstrap.jfr.WasmEvent;

/**
 * Starts and stops the clocks of a phase: the event's wall-clock interval, the thread's CPU time
 * and run-queue wait when asked, and, for the {@link PhaseListener}, a {@link System#nanoTime()}
 * reading; and commits the event with the phase's outcome.
 *
 * <p>Between {@link #start} and {@link #stop} the {@code cpuTime}, {@code runQueueWait}, {@code
 * switches} and {@code voluntarySwitches} fields hold their start readings negated (or {@link
 * #NOT_READ}), which saves fields the recording would otherwise carry.
 */
final class PhaseClock {
  /** What a clock field holds between start and stop when the phase does not read that clock. */
  private static final long NOT_READ = 1;

  private PhaseClock() {}

  /**
   * True when anything will consume the phase: a recording that enables the event, or a listener.
   * Asked once, when the phase begins: a phase nothing wanted then has no clock readings, so it is
   * left out even if a recording starts before it ends.
   */
  static boolean wanted(WasmEvent event) {
    return event.isEnabled() || PhaseListener.Registry.current() != null;
  }

  /**
   * False when nothing can consume a phase: no listener, and JFR not started ({@link JfrState}).
   * Asked before a phase's event is made, so that an application nothing records never loads the
   * event classes.
   */
  static boolean mayBeWanted() {
    return PhaseListener.Registry.current() != null || JfrState.started();
  }

  /**
   * Begins {@code event} and reads the clocks it asks for: the CPU clock when {@code readCpu}, and
   * the scheduler statistics (run-queue wait, switches, voluntary switches) too when {@code
   * wasmlens.cpu-time=all}. The clocks lie inside the wall-clock interval and {@link #stop} reads
   * them again, in the opposite order, before it ends, so that neither exceeds the duration by more
   * than the clocks' granularity. The voluntary switches are read the other way round, before the
   * interval begins and after it ends, so that no block inside it escapes them: a count that did
   * not change says the thread never blocked, and the analyzer takes it at its word.
   */
  static void start(ClockedWasmEvent event, boolean readCpu) {
    boolean readSched = readCpu && RunQueueClock.enabled();
    // A thread returning from a native call (each reading is one) stops there for a safepoint: a
    // count read inside the interval would miss a block on the way back from an earlier reading.
    long voluntary = readSched ? RunQueueClock.voluntarySwitches() : -1;
    begin(event);
    // The run-queue wait is read first here and last in stop: a thread preempted between the
    // event's start and this reading waited on a run queue inside the event, but the reading
    // already holds that wait, so it would count as blocked. Outermost, the window is smallest.
    SchedStat sched = readSched ? RunQueueClock.read() : null;
    event.runQueueWait = sched != null ? -sched.runQueueNanos() : NOT_READ;
    event.switches = sched != null ? -sched.timeslices() : NOT_READ;
    event.voluntarySwitches = sched != null && voluntary >= 0 ? -voluntary : NOT_READ;
    event.cpuTime = readCpu ? -ThreadCpuClock.nanos() : NOT_READ;
  }

  /** Begins {@code event} without clock readings. */
  private static void begin(WasmEvent event) {
    event.startNanos = System.nanoTime();
    event.begin();
  }

  /**
   * Ends {@code event}, turning what {@link #start} left in its clock fields into the time elapsed
   * since, or {@link ClockedWasmEvent#UNKNOWN} for a clock it did not read.
   */
  static void stop(ClockedWasmEvent event) {
    event.cpuTime =
        event.cpuTime == NOT_READ
            ? ClockedWasmEvent.UNKNOWN
            : event.cpuTime + ThreadCpuClock.nanos();
    SchedStat sched = event.runQueueWait != NOT_READ ? RunQueueClock.read() : null;
    event.runQueueWait =
        sched != null ? event.runQueueWait + sched.runQueueNanos() : ClockedWasmEvent.UNKNOWN;
    event.switches =
        sched != null ? event.switches + sched.timeslices() : ClockedWasmEvent.UNKNOWN_COUNT;
    event.end();
    long voluntary =
        sched != null && event.voluntarySwitches != NOT_READ
            ? RunQueueClock.voluntarySwitches()
            : -1;
    event.voluntarySwitches =
        voluntary >= 0 ? event.voluntarySwitches + voluntary : ClockedWasmEvent.UNKNOWN_COUNT;
  }

  /** Sets the outcome of an ended {@code event} from {@code thrown}. */
  static void setOutcome(WasmEvent event, Throwable thrown) {
    event.outcome = Outcome.of(thrown);
    event.failure = Outcome.describe(thrown);
  }

  /** Commits an ended {@code event} if the recording wants it. */
  static void commit(WasmEvent event) {
    if (event.shouldCommit()) {
      event.commit();
    }
  }
}
