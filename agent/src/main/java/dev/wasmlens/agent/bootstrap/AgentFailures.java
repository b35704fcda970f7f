package dev.wasmlens.agent.bootstrap;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts throwables the agent suppressed so that they never reach the application.
 *
 * <p>Every advice method suppresses {@link Throwable}; the suppression handler calls {@link
 * #record(Throwable)}. The count and the first failure are reported at exit and through the {@code
 * dev.wasmlens:type=Agent} MBean; tests assert the count stays zero. Thread-safe and
 * allocation-free after the first failure.
 */
public final class AgentFailures {
  private static final AtomicLong COUNT = new AtomicLong();
  private static final AtomicReference<Throwable> FIRST = new AtomicReference<>();

  private AgentFailures() {}

  /** Records one suppressed throwable. Never throws. */
  public static void record(Throwable failure) {
    COUNT.incrementAndGet();
    FIRST.compareAndSet(null, failure);
  }

  /** The number of throwables suppressed since start. */
  public static long count() {
    return COUNT.get();
  }

  /** The first suppressed throwable, or null when there was none. */
  public static Throwable first() {
    return FIRST.get();
  }
}
