package dev.wasmlens.analysis;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.wasmlens.analysis.attribution.AttributedOperation;
import dev.wasmlens.analysis.attribution.AttributedRequest;
import dev.wasmlens.analysis.attribution.Cause;
import java.util.List;
import java.util.Map;

/**
 * What an analysis found. Durations in nanoseconds.
 *
 * @param service the service the recordings come from, as the agent named it
 * @param hosts the hosts they were recorded on
 * @param files the recordings analyzed
 * @param problems one line per input that could not be analyzed, or held no wasm events (of the
 *     whole run, every service's analysis holds them)
 * @param warnings one line per cause a recording cannot support, with the file
 * @param overTime every operation's latency second by second (host calls left out)
 * @param thresholds per phase, the duration from which an operation is in the tail
 * @param tail the slow operations with their causes, slowest first
 * @param causes per cause, the tail's time and the operations it is the main cause of
 * @param requestThresholdNanos the wasm time from which a request is in the tail; 0 when no
 *     operation carried a trace id
 * @param requests the slow requests (the operations of one trace) with their causes, slowest first
 * @param requestCauses per cause, the slow requests' time and the requests it is the main cause of
 * @param timeline the JVM events around the slowest operations, for the report's timeline
 */
public record Analysis(
    String service,
    List<String> hosts,
    List<String> files,
    @JsonIgnore List<String> problems,
    List<String> warnings,
    double percentile,
    List<Distributions.Row> distributions,
    List<LatencyOverTime.Point> overTime,
    Map<String, Long> thresholds,
    List<AttributedOperation> tail,
    Map<Cause, CauseTotal> causes,
    long requestThresholdNanos,
    List<AttributedRequest> requests,
    Map<Cause, CauseTotal> requestCauses,
    Timeline timeline) {

  /**
   * Pauses, compilations and lock waits during the slowest operations of each file, at most {@link
   * #MAX_TIMELINE_INTERVALS} of each kind.
   */
  public record Timeline(
      List<dev.wasmlens.analysis.read.Interval> pauses,
      List<dev.wasmlens.analysis.read.Interval> compilations,
      List<dev.wasmlens.analysis.read.Interval> lockWaits) {}

  /** Intervals of one kind kept for the timeline. */
  public static final int MAX_TIMELINE_INTERVALS = 2_000;

  /** A cause's part of the tail. */
  public record CauseTotal(
      long nanos, double shareOfTime, long mainCauseOf, double shareOfOperations) {}
}
