package dev.wasmlens.agent.it.locks;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One try of the operation under test: when it started and ended ({@link System#nanoTime}) and what
 * it threw. Runs once, on whichever thread calls {@link #run}; read from any thread after {@link
 * #awaitDone} returned true.
 */
final class Attempt implements Runnable {
  private final LockRow.Action action;
  private final LockFixture fixture;
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile long startNanos;
  private volatile long endNanos;
  private volatile Throwable failure;

  Attempt(LockRow.Action action, LockFixture fixture) {
    this.action = action;
    this.fixture = fixture;
  }

  @Override
  public void run() {
    startNanos = System.nanoTime();
    try {
      action.run(fixture);
    } catch (Throwable t) {
      failure = t;
    } finally {
      endNanos = System.nanoTime();
      done.countDown();
    }
  }

  boolean awaitDone(Duration timeout) throws InterruptedException {
    return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  long startNanos() {
    return startNanos;
  }

  long endNanos() {
    return endNanos;
  }

  /** What the operation threw, as {@code Type: message}; {@code -} when it returned. */
  String failure() {
    Throwable t = failure;
    return t == null ? RowResult.NO_FAILURE : t.getClass().getName() + ": " + t.getMessage();
  }
}
