package dev.wasmlens.analysis;

import dev.wasmlens.analysis.read.WasmOperation;
import dev.wasmlens.analysis.request.Request;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the tail starts for one service: a duration per phase and a wasm time for requests, from
 * the percentile of the service's distributions or one absolute threshold for all.
 */
final class TailThresholds {
  private final Map<WasmOperation.Phase, Long> byPhase;
  private final long requestNanos;

  private TailThresholds(Map<WasmOperation.Phase, Long> byPhase, long requestNanos) {
    this.byPhase = byPhase;
    this.requestNanos = requestNanos;
  }

  /**
   * @param percentile the tail starts at this percentile of each phase (0 to 100, exclusive of 0)
   * @param thresholdNanos an absolute threshold instead; -1 to use the percentile
   * @param warnings gets a line per phase with too few operations for the percentile
   */
  static TailThresholds of(
      Distributions distributions, double percentile, long thresholdNanos, List<String> warnings) {
    Map<WasmOperation.Phase, Long> byPhase = new EnumMap<>(WasmOperation.Phase.class);
    for (WasmOperation.Phase phase : WasmOperation.Phase.values()) {
      byPhase.put(
          phase,
          thresholdNanos >= 0 ? thresholdNanos : distributions.percentileNanos(phase, percentile));
    }
    if (thresholdNanos < 0) {
      warnings.addAll(distributions.tooFewFor(percentile));
    }
    long requestNanos =
        distributions.requestCount() == 0
            ? 0
            : thresholdNanos >= 0
                ? thresholdNanos
                : distributions.requestPercentileNanos(percentile);
    return new TailThresholds(byPhase, requestNanos);
  }

  /** Whether {@code operation} is in the tail of its phase. */
  boolean holds(WasmOperation operation) {
    return operation.durationNanos() > 0
        && operation.durationNanos() >= byPhase.get(operation.phase());
  }

  /** Where the tail of {@code phase} starts. */
  long nanos(WasmOperation.Phase phase) {
    return byPhase.get(phase);
  }

  /** Whether {@code request} is a slow one; never when no operation carried a trace id. */
  boolean holds(Request request) {
    return requestNanos > 0 && request.wasmNanos() >= requestNanos;
  }

  /** The wasm time from which a request is slow; 0 when no operation carried a trace id. */
  long requestNanos() {
    return requestNanos;
  }

  /** The thresholds by the phases' labels, in phase order, as the reports show them. */
  Map<String, Long> byLabel() {
    Map<String, Long> labelled = new LinkedHashMap<>();
    byPhase.forEach((phase, nanos) -> labelled.put(phase.label(), nanos));
    return labelled;
  }
}
