package dev.wasmlens.agent.bootstrap;

import dev.wasmlens.agent.bootstrap.jfr.WasmEvent;

/**
 * Starts and stops the clocks of a phase, the event's wall-clock interval, the thread's CPU time
 * and, for the {@link PhaseListener}, a {@link System#nanoTime()} reading; and commits the event
 * with the phase's outcome.
 *
 * <p>The CPU reading is kept negated in the event's {@code cpuTime} field until the phase ends,
 * which saves a field the recording would otherwise carry.
 */
final class PhaseClock {
  /** What {@link #start} returns when the phase does not read the CPU clock. */
  private static final long CPU_NOT_READ = 1;

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
   * Begins {@code event} and returns the value its {@code cpuTime} field must hold until {@link
   * #elapsedCpu}: the negated CPU reading, or a positive marker when {@code readCpu} is false. The
   * CPU clock is read inside the wall-clock interval, and must be read again before {@code end()},
   * so that CPU time never exceeds the duration by more than the clocks' granularity.
   */
  static long start(WasmEvent event, boolean readCpu) {
    begin(event);
    return readCpu ? -ThreadCpuClock.nanos() : CPU_NOT_READ;
  }

  /** Begins {@code event} without a CPU reading. */
  static void begin(WasmEvent event) {
    event.startNanos = System.nanoTime();
    event.begin();
  }

  /**
   * Turns the value {@link #start} returned into the CPU time elapsed since; -1 when the phase did
   * not read the CPU clock ({@code wasmlens.cpu-time}), which the analyzer takes as unknown.
   */
  static long elapsedCpu(long started) {
    return started == CPU_NOT_READ ? -1 : started + ThreadCpuClock.nanos();
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
