package dev.wasmlens.analysis;

import dev.wasmlens.analysis.read.WasmOperation;
import dev.wasmlens.analysis.request.Request;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * One file's slowest operations of each phase and slowest requests ({@link TailCandidates}), kept
 * by its one read for the tail its service's thresholds will select. Not thread-safe: filled by the
 * file's reader, then read.
 */
final class FileTailCandidates {
  private final Map<WasmOperation.Phase, TailCandidates<WasmOperation>> operations =
      new EnumMap<>(WasmOperation.Phase.class);
  private final TailCandidates<Request> requests;

  /**
   * @param percentile the tail will start at this percentile of each phase (0 to 100, exclusive of
   *     0)
   * @param thresholdNanos an absolute threshold instead; -1 to use the percentile
   */
  FileTailCandidates(double percentile, long thresholdNanos) {
    for (WasmOperation.Phase phase : WasmOperation.Phase.values()) {
      operations.put(phase, candidates(WasmOperation::durationNanos, percentile, thresholdNanos));
    }
    requests = candidates(Request::wasmNanos, percentile, thresholdNanos);
  }

  private static <T> TailCandidates<T> candidates(
      ToLongFunction<T> nanos, double percentile, long thresholdNanos) {
    return thresholdNanos >= 0
        ? TailCandidates.from(nanos, thresholdNanos)
        : TailCandidates.forPercentile(nanos, percentile);
  }

  void offer(WasmOperation operation) {
    operations.get(operation.phase()).offer(operation);
  }

  void offer(Request request) {
    requests.offer(request);
  }

  /**
   * Whether the kept operations and requests hold every one {@code thresholds} puts in the tail.
   */
  boolean holdTail(TailThresholds thresholds) {
    for (Map.Entry<WasmOperation.Phase, TailCandidates<WasmOperation>> phase :
        operations.entrySet()) {
      if (!phase.getValue().holdAllFrom(thresholds.nanos(phase.getKey()))) {
        return false;
      }
    }
    return thresholds.requestNanos() == 0 || requests.holdAllFrom(thresholds.requestNanos());
  }

  /** The operations in the tail, by start time (all of them when {@link #holdTail} says so). */
  List<WasmOperation> tailOperations(TailThresholds thresholds) {
    List<WasmOperation> tail = new ArrayList<>();
    operations.forEach((phase, kept) -> tail.addAll(kept.from(thresholds.nanos(phase))));
    tail.sort(Comparator.comparingLong(WasmOperation::startNanos));
    return tail;
  }

  /** The slow requests, in the order they closed; none when no operation carried a trace id. */
  List<Request> slowRequests(TailThresholds thresholds) {
    return thresholds.requestNanos() == 0 ? List.of() : requests.from(thresholds.requestNanos());
  }
}
