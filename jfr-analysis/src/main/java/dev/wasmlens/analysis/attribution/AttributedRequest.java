package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.request.Request;
import java.util.List;

/**
 * A slow request: its wasm time by cause (the shares add up to {@link Request#wasmNanos()}), and
 * each of its operations with their own shares.
 */
public record AttributedRequest(
    RequestSummary request, List<Share> shares, List<AttributedOperation> operations)
    implements Attributed {

  /** The request without its operations, which {@link #operations()} lists with their causes. */
  public record RequestSummary(
      String traceId, long startNanos, long endNanos, long wasmNanos, int operationCount) {
    static RequestSummary of(Request request) {
      return new RequestSummary(
          request.traceId(),
          request.startNanos(),
          request.endNanos(),
          request.wasmNanos(),
          request.operationCount());
    }
  }
}
