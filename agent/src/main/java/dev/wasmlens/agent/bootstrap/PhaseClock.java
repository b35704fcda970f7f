package dev.wasmlens.agent.bootstrap;

import dev.wasmlens.agent.bootstrap.jfr.WasmEvent;
import jdk.jfr.Event;

/**
 * Starts and stops the two clocks of a phase, the event's wall-clock interval and the thread's CPU
 * time, and commits the event with the phase's outcome.
 *
 * <p>The CPU reading is kept negated in the event's {@code cpuTime} field until the phase ends,
 * which saves a field the recording would otherwise carry.
 */
final class PhaseClock {
  private PhaseClock() {}

  /**
   * Begins {@code event} and returns the value its {@code cpuTime} field must hold until {@link
   * #elapsedCpu}. The CPU clock is read inside the wall-clock interval, and must be read again
   * before {@code end()}, so that CPU time never exceeds the duration by more than the clocks'
   * granularity.
   */
  static long start(Event event) {
    event.begin();
    return -ThreadCpuClock.nanos();
  }

  /** Turns the value {@link #start} returned into the CPU time elapsed since. */
  static long elapsedCpu(long negatedStartCpu) {
    return negatedStartCpu + ThreadCpuClock.nanos();
  }

  /**
   * Commits an ended {@code event} with the outcome of {@code thrown}, if the recording wants it.
   */
  static void commit(WasmEvent event, Throwable thrown) {
    if (event.shouldCommit()) {
      event.outcome = Outcome.of(thrown);
      event.failure = Outcome.describe(thrown);
      event.commit();
    }
  }
}
