package dev.wasmlens.analysis;

import dev.wasmlens.analysis.read.WasmOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The latency of every wasm operation (host calls left out: they are inside their calls), second by
 * second of the recording, by when each operation started: for the report's latency-over-time
 * chart. Two significant digits per second, so a recording of an hour holds a few megabytes.
 */
public final class LatencyOverTime {
  private static final int SIGNIFICANT_DIGITS = 2;
  private static final long SECOND_NANOS = 1_000_000_000L;

  private final Map<Long, Histogram> bySecond = new TreeMap<>();

  /**
   * One second of the recording: when it began (epoch nanoseconds), how many operations started in
   * it, and their median, 99th percentile and slowest duration.
   */
  public record Point(long startNanos, long count, long p50Nanos, long p99Nanos, long maxNanos) {}

  void record(WasmOperation operation) {
    if (operation.phase() == WasmOperation.Phase.HOST_CALL) {
      return;
    }
    bySecond
        .computeIfAbsent(
            Math.floorDiv(operation.startNanos(), SECOND_NANOS),
            s -> new Histogram(SIGNIFICANT_DIGITS))
        .recordValue(Math.max(0, operation.durationNanos()));
  }

  void add(LatencyOverTime other) {
    other.bySecond.forEach(
        (second, h) ->
            bySecond.computeIfAbsent(second, s -> new Histogram(SIGNIFICANT_DIGITS)).add(h));
  }

  /** The seconds in which operations started, in order. */
  public List<Point> points() {
    List<Point> points = new ArrayList<>();
    bySecond.forEach(
        (second, h) ->
            points.add(
                new Point(
                    second * SECOND_NANOS,
                    h.getTotalCount(),
                    h.getValueAtPercentile(50),
                    h.getValueAtPercentile(99),
                    h.getMaxValue())));
    return points;
  }
}
