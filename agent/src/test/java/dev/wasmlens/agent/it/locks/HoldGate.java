package dev.wasmlens.agent.it.locks;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Parks one chosen thread inside the host import {@code env.hold} until {@link #release}: the first
 * time that thread enters the import it signals {@link #awaitEntered}, runs the action it was armed
 * with (on its own thread, inside the host call), then waits. Every other entry, by another thread
 * or again by the holder, returns at once, so fixtures can instantiate the probe module freely.
 *
 * <p>Thread-safe: armed once before the holder starts, entered by any number of threads.
 */
public final class HoldGate {
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);
  private final AtomicBoolean taken = new AtomicBoolean();
  private volatile Thread holder;
  private volatile Runnable inside = () -> {};

  /** Chooses the thread to park and what it runs once parked; call before it starts. */
  void arm(Thread holder, Runnable inside) {
    this.holder = holder;
    this.inside = inside;
  }

  /** The body of the host function {@code env.hold}. */
  void onHostCall() {
    if (Thread.currentThread() != holder || !taken.compareAndSet(false, true)) {
      return;
    }
    entered.countDown();
    inside.run();
    try {
      released.await();
    } catch (InterruptedException e) {
      // Only the probe interrupts, to abandon a row; the wasm call then returns normally.
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the holder is parked inside the import within {@code timeout}. */
  boolean awaitEntered(Duration timeout) throws InterruptedException {
    return entered.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Lets the holder return from the import. */
  void release() {
    released.countDown();
  }
}
