package dev.wasmlens.agent.it.app;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The shape the apps of the call selection tests share: a warm-up of fast calls long enough for the
 * agent's histograms to have had a busy interval, a mixed phase with slow and failing calls among
 * the fast ones, then fast calls measured for what they allocate.
 */
final class MixedLoad {
  /** Long enough for the agent's histograms to have had a busy interval (they run every second). */
  static final long WARM_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(2_500);

  static final long MIXED_NANOS = TimeUnit.SECONDS.toNanos(2);
  static final int SLOW_EVERY = 500;
  static final int MEASURED_CALLS = 200_000;

  private MixedLoad() {}

  /**
   * The mixed phase: runs {@code call} with i = 1, 2, ... for {@link #MIXED_NANOS}, between the
   * printed {@code mixed-from-epoch-millis} and {@code mixed-to-epoch-millis} lines, then prints
   * how many calls it made as {@code mixed-<callsName>} and how many of them the caller saw take a
   * millisecond or more as {@code caller-saw-over-1ms}. Returns how many calls it made.
   */
  static long mixedPhase(String callsName, LongConsumer call) {
    long overOneMillisecond = 0;
    long calls = 0;
    System.out.println("mixed-from-epoch-millis " + System.currentTimeMillis());
    long end = System.nanoTime() + MIXED_NANOS;
    while (System.nanoTime() < end) {
      long start = System.nanoTime();
      call.accept(++calls);
      if (System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(1)) {
        overOneMillisecond++;
      }
    }
    System.out.println("mixed-to-epoch-millis " + System.currentTimeMillis());
    System.out.println("mixed-" + callsName + " " + calls);
    System.out.println("caller-saw-over-1ms " + overOneMillisecond);
    return calls;
  }

  /**
   * Heap bytes the current thread allocates per call of {@code call}, over {@link #MEASURED_CALLS}.
   */
  static double bytesPerCall(Runnable call) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    for (int i = 0; i < MEASURED_CALLS; i++) {
      call.run();
    }
    return (double) (threads.getThreadAllocatedBytes(thread) - before) / MEASURED_CALLS;
  }
}
