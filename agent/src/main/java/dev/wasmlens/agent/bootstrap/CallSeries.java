package dev.wasmlens.agent.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The calls of one export of one module made on one thread, or its calls of one host function:
 * their latency histogram, total time and failures, written by that thread alone and read once an
 * interval by {@link CallHistograms}.
 *
 * <p>Recording is wait-free and allocates nothing: a {@link SingleWriterRecorder} over a fixed
 * range, and two counters published with release stores.
 */
final class CallSeries {
  /** Durations are recorded in nanoseconds, told apart from 100 ns up. */
  static final long LOWEST_DISCERNIBLE_NANOS = 100;

  /** The longest call the histogram holds apart; a longer one counts as this long. */
  static final long HIGHEST_TRACKABLE_NANOS = 3_600_000_000_000L;

  /** To 100 ns up to 25.6 us and within 1% above: enough for the percentiles of a trivial call. */
  static final int SIGNIFICANT_DIGITS = 2;

  /**
   * The least duration from which a call of a busy series is an event: a call that returns within
   * 100 us is below what anyone looks into (the agent's call spans start there too), and at the
   * half microsecond an event costs, a trivial export's slowest 5% would cost more than the 1% of
   * it the agent may take.
   */
  static final long EVENT_FLOOR_NANOS = 100_000;

  /** The percentile of the last interval above which the next interval's calls are events. */
  static final double EVENT_PERCENTILE = 95;

  /**
   * Below this many calls in an interval (a second), every call of the next interval is an event:
   * they cost nothing that matters, and the recording keeps a quiet export's whole distribution.
   */
  static final long EVERY_CALL_BELOW_COUNT = 100;

  private static final VarHandle TOTAL_NANOS;
  private static final VarHandle FAILED;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      TOTAL_NANOS = lookup.findVarHandle(CallSeries.class, "totalNanos", long.class);
      FAILED = lookup.findVarHandle(CallSeries.class, "failed", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Whether these are host calls, of the import {@link #export} names; calls into wasm if not. */
  final boolean hostCall;

  /** The module of the export called; null for host calls and when unknown. */
  final String module;

  /** The export called, or the host function's import name. */
  final String export;

  final long javaThreadId;
  final String threadName;
  private final WeakReference<Thread> thread;
  private final SingleWriterRecorder recorder =
      new SingleWriterRecorder(
          LOWEST_DISCERNIBLE_NANOS, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);

  @SuppressWarnings("unused") // through TOTAL_NANOS
  private long totalNanos;

  @SuppressWarnings("unused") // through FAILED
  private long failed;

  /**
   * Written by the reader once an interval, read by the owner on every call; until the first busy
   * interval, every call is an event.
   */
  private volatile long eventThresholdNanos;

  // The reader's side: what the last interval had already reported.
  private Histogram interval;
  private long reportedTotalNanos;
  private long reportedFailed;

  CallSeries(boolean hostCall, String module, String export, Thread thread) {
    this.hostCall = hostCall;
    this.module = module;
    this.export = export;
    this.javaThreadId = thread.getId();
    this.threadName = thread.getName();
    this.thread = new WeakReference<>(thread);
  }

  /** Records one call of {@code nanos}; only on the thread the series belongs to. */
  void record(long nanos, boolean failedCall) {
    recorder.recordValue(Math.max(0, Math.min(nanos, HIGHEST_TRACKABLE_NANOS)));
    TOTAL_NANOS.setRelease(this, (long) TOTAL_NANOS.getOpaque(this) + nanos);
    if (failedCall) {
      FAILED.setRelease(this, (long) FAILED.getOpaque(this) + 1);
    }
  }

  /**
   * The duration from which a call of this series is a {@code wasmlens.Call} event: the last
   * interval's {@link #EVENT_PERCENTILE}th percentile, at least {@link #EVENT_FLOOR_NANOS}; 0
   * (every call) before the first interval, and after an interval of fewer than {@link
   * #EVERY_CALL_BELOW_COUNT} calls. Failed calls and first calls into an instance are events
   * whatever their duration ({@link CallPhase}).
   */
  long eventThresholdNanos() {
    return eventThresholdNanos;
  }

  /**
   * The calls recorded since the last interval, or null when there were none; on the reader's
   * thread only. The histogram is reused by the next interval. Sets the event threshold of the next
   * interval from this one.
   */
  Interval nextInterval() {
    interval = recorder.getIntervalHistogram(interval);
    long total = (long) TOTAL_NANOS.getAcquire(this);
    long failedNow = (long) FAILED.getAcquire(this);
    long count = interval.getTotalCount();
    eventThresholdNanos =
        count < EVERY_CALL_BELOW_COUNT
            ? 0
            : Math.max(EVENT_FLOOR_NANOS, interval.getValueAtPercentile(EVENT_PERCENTILE));
    if (count == 0) {
      return null;
    }
    Interval next = new Interval(interval, total - reportedTotalNanos, failedNow - reportedFailed);
    reportedTotalNanos = total;
    reportedFailed = failedNow;
    return next;
  }

  /** Whether the thread has ended: after one more empty interval the series can go. */
  boolean threadEnded() {
    Thread owner = thread.get();
    return owner == null || !owner.isAlive();
  }

  /**
   * One interval of a series.
   *
   * @param histogram the calls' durations, nanoseconds; valid until the next interval is taken
   * @param totalNanos their durations added up (a call recorded while the interval was taken may
   *     fall in the next interval's histogram and this one's total)
   * @param failed how many of them threw
   */
  record Interval(Histogram histogram, long totalNanos, long failed) {}
}
