package dev.wasmlens.agent.bootstrap;

import dev.wasmlens.agent.bootstrap.jfr.CallHistogramEvent;
import dev.wasmlens.agent.bootstrap.jfr.HostCallHistogramEvent;
import dev.wasmlens.agent.bootstrap.jfr.LatencyHistogramEvent;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import jdk.jfr.EventType;

/**
 * Every outermost call counted, per thread and per module and export, as {@code
 * wasmlens.CallHistogram} events once an interval: how many, how long in all, how many failed, and
 * their latency histogram; and every host call, per thread and import, as {@code
 * wasmlens.HostCallHistogram} events with them.
 *
 * <p>Calls are recorded only while a recording takes the histograms: {@link #emit} runs from JFR's
 * periodic hook and keeps recording on for {@link #ACTIVE_AFTER_EMIT_NANOS} after each run, so the
 * call path needs no JFR lookup. A thread's first call of an export creates its series (once);
 * every other call finds it without allocating.
 */
public final class CallHistograms {
  /**
   * How long after a periodic run calls are still recorded: longer than the period (1 s), so that a
   * late run loses nothing, and short enough that a stopped recording costs little for long.
   */
  static final long ACTIVE_AFTER_EMIT_NANOS = TimeUnit.SECONDS.toNanos(3);

  private static final ConcurrentLinkedQueue<CallSeries> SERIES = new ConcurrentLinkedQueue<>();

  /** Until when calls are recorded ({@link System#nanoTime()}); 0 before the first emit. */
  private static volatile long activeUntilNanos;

  /**
   * Whether host calls are counted too: the recording takes their histograms as well. Updated at
   * every periodic run.
   */
  private static volatile boolean hostCallsCounted;

  /** When the last interval ended, for the next one's length. */
  private static long lastEmitNanos;

  private CallHistograms() {}

  /** Whether calls are recorded at {@code nowNanos} ({@link System#nanoTime()}). */
  static boolean active(long nowNanos) {
    long until = activeUntilNanos;
    return until != 0 && nowNanos - until < 0;
  }

  /**
   * Whether a recording has taken the histograms: reads no clock, so it may be stale by {@link
   * #ACTIVE_AFTER_EMIT_NANOS}; {@link #active(long)} decides.
   */
  static boolean recording() {
    return activeUntilNanos != 0;
  }

  /**
   * Whether host calls are counted: a recording takes both histograms. Reads no clock, like {@link
   * #recording()}.
   */
  static boolean countsHostCalls() {
    return hostCallsCounted && activeUntilNanos != 0;
  }

  /**
   * Records one call into {@code export} on the current thread, whose state is {@code state}, and
   * returns the call's series.
   */
  static CallSeries record(ThreadState state, ExportInfo export, long nanos, boolean failed) {
    CallSeries series = state.lastCallSeries;
    if (series == null || state.lastCallExport != export) {
      InstanceInfo instance = export == null ? null : export.instance;
      series =
          seriesOf(
              state,
              instance == null || instance.module == null ? null : instance.module.name,
              export == null ? null : export.name);
      state.lastCallSeries = series;
      state.lastCallExport = export;
    }
    series.record(nanos, failed);
    return series;
  }

  /**
   * Records one host call of {@code importName} on the current thread, whose state is {@code
   * state}, and returns the call's series.
   */
  static CallSeries recordHostCall(
      ThreadState state, String importName, long nanos, boolean failed) {
    CallSeries series = state.lastHostCallSeries;
    // The name is the host function's own string, so a reference compare finds the last one.
    if (series == null || series.export != importName) {
      if (state.hostCallSeries == null) {
        state.hostCallSeries = new HashMap<>();
      }
      series = state.hostCallSeries.get(importName);
      if (series == null) {
        series = new CallSeries(true, null, importName, Thread.currentThread());
        state.hostCallSeries.put(importName, series);
        SERIES.add(series);
      }
      state.lastHostCallSeries = series;
    }
    series.record(nanos, failed);
    return series;
  }

  private static CallSeries seriesOf(ThreadState state, String module, String export) {
    if (state.callSeries == null) {
      state.callSeries = new HashMap<>();
    }
    Map<String, CallSeries> byExport =
        state.callSeries.computeIfAbsent(module == null ? "" : module, m -> new HashMap<>());
    // get and put, not computeIfAbsent: a capturing lambda could allocate on every call of a
    // thread that alternates between exports.
    String exportKey = export == null ? "" : export;
    CallSeries series = byExport.get(exportKey);
    if (series == null) {
      series = new CallSeries(false, module, export, Thread.currentThread());
      byExport.put(exportKey, series);
      SERIES.add(series);
    }
    return series;
  }

  /**
   * Starts recording calls now, for a recording that already takes the histograms when their hook
   * is registered: its first periodic run may be a whole period away.
   */
  public static synchronized void activate() {
    hostCallsCounted = hostCallHistogramsEnabled();
    long now = System.nanoTime();
    if (lastEmitNanos == 0) {
      lastEmitNanos = now;
    }
    activeUntilNanos = now + ACTIVE_AFTER_EMIT_NANOS;
  }

  /**
   * Commits one {@code wasmlens.CallHistogram} event per series that had calls since the last time,
   * and drops the series of ended threads that have none left. Called by JFR's periodic hook (every
   * period and as a chunk ends), one call at a time.
   */
  public static synchronized void emit() {
    hostCallsCounted = hostCallHistogramsEnabled();
    long now = System.nanoTime();
    activeUntilNanos = now + ACTIVE_AFTER_EMIT_NANOS;
    long intervalNanos = lastEmitNanos == 0 ? 0 : now - lastEmitNanos;
    lastEmitNanos = now;
    for (Iterator<CallSeries> it = SERIES.iterator(); it.hasNext(); ) {
      CallSeries series = it.next();
      boolean ended = series.threadEnded();
      CallSeries.Interval interval = series.nextInterval();
      if (interval == null) {
        if (ended) {
          it.remove();
        }
        continue;
      }
      LatencyHistogramEvent event;
      if (series.hostCall) {
        HostCallHistogramEvent hostCalls = new HostCallHistogramEvent();
        hostCalls.importName = series.export;
        event = hostCalls;
      } else {
        CallHistogramEvent calls = new CallHistogramEvent();
        calls.module = series.module;
        calls.export = series.export;
        event = calls;
      }
      event.javaThreadId = series.javaThreadId;
      event.threadName = series.threadName;
      event.interval = intervalNanos;
      event.count = interval.histogram().getTotalCount();
      event.failed = interval.failed();
      event.totalTime = interval.totalNanos();
      event.minimum = interval.histogram().getMinValue();
      event.maximum = interval.histogram().getMaxValue();
      event.histogram = encode(interval);
      event.commit();
    }
  }

  private static boolean hostCallHistogramsEnabled() {
    return EventType.getEventType(HostCallHistogramEvent.class).isEnabled();
  }

  /** HdrHistogram's compressed encoding, in Base64. */
  private static String encode(CallSeries.Interval interval) {
    ByteBuffer buffer = ByteBuffer.allocate(interval.histogram().getNeededByteBufferCapacity());
    int length = interval.histogram().encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
  }
}
