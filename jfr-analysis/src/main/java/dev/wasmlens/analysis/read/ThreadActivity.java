package dev.wasmlens.analysis.read;

/**
 * What one thread of the recorded process did over one sampling interval, from the agent's thread
 * sampler ({@code wasmlens.ThreadSample}, diagnosis recordings only). Times are epoch nanoseconds.
 *
 * @param osThreadId the kernel's thread id; JFR's threads carry the same id
 * @param threadName the kernel's name for the thread (at most 15 characters)
 * @param cpuNanos time on a CPU in the interval
 * @param runQueueNanos time runnable but waiting for a CPU in the interval
 */
public record ThreadActivity(
    long startNanos,
    long endNanos,
    long osThreadId,
    String threadName,
    long cpuNanos,
    long runQueueNanos) {

  /** The share of {@code nanos} that falls inside {@code [start, end]}, the interval prorated. */
  public long prorated(long nanos, long start, long end) {
    return Interval.prorated(nanos, startNanos, endNanos, start, end);
  }
}
