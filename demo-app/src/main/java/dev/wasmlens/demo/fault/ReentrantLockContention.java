package dev.wasmlens.demo.fault;

import java.time.Duration;

/**
 * {@code java.util.concurrent} lock contention inside a host function: holds the {@link HostLock}
 * every request's host call takes for {@link #HOLD_MILLIS} at a time, with breaks of {@link
 * #BREAK_MILLIS}. Requests arriving during a hold park inside their wasm call's host call until it
 * ends. Unlike the {@code lock} fault's monitor, the wait is a park ({@code jdk.ThreadPark}).
 */
final class ReentrantLockContention implements FaultInjector {
  static final long HOLD_MILLIS = 40;
  static final long BREAK_MILLIS = 10;
  private final HostLock lock;

  ReentrantLockContention(HostLock lock) {
    this.lock = lock;
  }

  @Override
  public String name() {
    return "reentrant-lock";
  }

  @Override
  public String inject(Duration duration) throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    int holds = 0;
    while (System.nanoTime() < end) {
      lock.hold(HOLD_MILLIS);
      holds++;
      Thread.sleep(BREAK_MILLIS);
    }
    return holds + " holds of " + HOLD_MILLIS + " ms on the host function's ReentrantLock";
  }
}
