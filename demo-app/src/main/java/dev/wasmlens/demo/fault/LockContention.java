package dev.wasmlens.demo.fault;

import java.time.Duration;

/**
 * Java lock contention: holds the {@link RequestGate} for {@link #HOLD_MILLIS} at a time, with
 * short breaks.
 */
final class LockContention implements FaultInjector {
  static final long HOLD_MILLIS = 50;
  static final long BREAK_MILLIS = 5;
  private final RequestGate gate;

  LockContention(RequestGate gate) {
    this.gate = gate;
  }

  @Override
  public String name() {
    return "lock";
  }

  @Override
  public String inject(Duration duration) throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    int holds = 0;
    while (System.nanoTime() < end) {
      gate.hold(HOLD_MILLIS);
      holds++;
      Thread.sleep(BREAK_MILLIS);
    }
    return holds + " holds of " + HOLD_MILLIS + " ms on the request gate";
  }
}
