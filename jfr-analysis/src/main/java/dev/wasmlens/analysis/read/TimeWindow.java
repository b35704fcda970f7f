package dev.wasmlens.analysis.read;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * The part of a recording to analyze: absolute instants, and an offset from each recording's start
 * (its first chunk's start, from the header). An operation is in the window when it starts in it,
 * so an operation is never cut in two and never counted in two windows; the events that can explain
 * one (pauses, lock waits, compilations, CPU load samples) are kept when they overlap the window at
 * all, since a pause that began just before the window still holds up an operation inside it.
 *
 * @param fromNanos the window's start, epoch nanoseconds, inclusive
 * @param toNanos its end, exclusive
 * @param skipNanos how much of each recording's start to leave out, nanoseconds (0 for none)
 */
public record TimeWindow(long fromNanos, long toNanos, long skipNanos) {
  /** The whole of every recording. */
  public static final TimeWindow ALL = new TimeWindow(Long.MIN_VALUE, Long.MAX_VALUE, 0);

  /**
   * @throws IllegalArgumentException when the skip is negative
   */
  public TimeWindow {
    if (skipNanos < 0) {
      throw new IllegalArgumentException("the skip is negative");
    }
  }

  /** A window from {@code from} to {@code to} (each null for open), leaving out {@code skip}. */
  public static TimeWindow of(Instant from, Instant to, Duration skip) {
    return new TimeWindow(
        from == null ? Long.MIN_VALUE : RecordingScan.nanos(from),
        to == null ? Long.MAX_VALUE : RecordingScan.nanos(to),
        skip == null ? 0 : skip.toNanos());
  }

  /** Whether this window is the whole of every recording. */
  public boolean isAll() {
    return equals(ALL);
  }

  /**
   * This window in the recording {@code span} covers: the skip turned into a start.
   *
   * @throws IOException when a skip is asked and the recording's start cannot be read
   */
  TimeWindow in(RecordingSpan span) throws IOException {
    if (skipNanos == 0) {
      return this;
    }
    if (span == null) {
      throw new IOException(
          "its start cannot be read from its chunk headers, so it cannot be skipped");
    }
    return new TimeWindow(Math.max(fromNanos, span.startNanos() + skipNanos), toNanos, 0);
  }

  /** Whether {@code operation} starts in the window. */
  public boolean holds(WasmOperation operation) {
    return fromNanos <= operation.startNanos() && operation.startNanos() < toNanos;
  }

  /**
   * Whether {@code [startNanos, endNanos]} lies inside the window: a count over that interval can
   * stand for the window's.
   */
  public boolean contains(long startNanos, long endNanos) {
    return fromNanos <= startNanos && endNanos < toNanos;
  }

  /** Whether {@code [startNanos, endNanos]} overlaps the window. */
  public boolean overlaps(long startNanos, long endNanos) {
    return endNanos >= fromNanos && startNanos < toNanos;
  }

  /**
   * The window for a problem line, once {@linkplain #in resolved}: {@code from 2026-12-01T10:00:03Z
   * to the end}.
   */
  public String describe() {
    return "from "
        + (fromNanos == Long.MIN_VALUE ? "the start" : instant(fromNanos))
        + " to "
        + (toNanos == Long.MAX_VALUE ? "the end" : instant(toNanos));
  }

  /** Why a recording gave nothing to analyze in this (resolved) window, in one line. */
  public String nothingIn(RecordingSpan span) {
    return "no wasm operations in the time window "
        + describe()
        + (span == null
            ? ""
            : " (the recording runs from "
                + instant(span.startNanos())
                + " to "
                + instant(span.endNanos())
                + ")");
  }

  /** An instant, from epoch nanoseconds. */
  public static Instant instant(long epochNanos) {
    return Instant.ofEpochSecond(0, epochNanos);
  }
}
