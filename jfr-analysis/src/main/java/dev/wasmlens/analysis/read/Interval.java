package dev.wasmlens.analysis.read;

/**
 * A span of time, in epoch nanoseconds, optionally on one thread.
 *
 * @param threadId the Java thread id, or -1 when the interval concerns the whole JVM (a pause, a
 *     compilation)
 * @param what a short description for the evidence, for example {@code "GC pause"} or a monitor
 *     class
 * @param lock for a lock wait, what was waited for ({@code "monitor com.example.Registry"}, {@code
 *     "park on java.util.concurrent.locks.ReentrantLock$NonfairSync"}); null otherwise
 * @param holder for a monitor enter, the Java name of the thread that held the monitor when the
 *     wait began; null otherwise
 */
public record Interval(
    long startNanos, long endNanos, long threadId, String what, String lock, String holder) {
  /** An interval that is not a lock wait. */
  public Interval(long startNanos, long endNanos, long threadId, String what) {
    this(startNanos, endNanos, threadId, what, null, null);
  }

  /** How much of {@code [start, end]} this interval covers, in nanoseconds. */
  public long overlap(long start, long end) {
    return Math.max(0, Math.min(end, endNanos) - Math.max(start, startNanos));
  }

  public boolean contains(long instant) {
    return startNanos <= instant && instant <= endNanos;
  }

  /**
   * The share of {@code nanos}, spread evenly over {@code [from, to]}, that falls inside {@code
   * [start, end]}; 0 for an empty interval.
   */
  static long prorated(long nanos, long from, long to, long start, long end) {
    long length = to - from;
    long overlap = Math.max(0, Math.min(end, to) - Math.max(start, from));
    return length <= 0 ? 0 : (long) ((double) nanos * overlap / length);
  }
}
