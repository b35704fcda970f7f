package dev.wasmlens.analysis.request;

import dev.wasmlens.analysis.read.WasmOperation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;

/**
 * Groups a stream of wasm operations into {@link Request}s by trace id, holding only the requests
 * still open: a request is closed once no operation of its trace has been seen while the recording
 * moved on by {@link #CLOSE_AFTER_NANOS}, so memory follows the request rate, not the recording's
 * length. Operations without a trace id, and host calls, are ignored. Not thread-safe.
 *
 * <p>JFR writes events in batches per thread, so a file is only roughly in time order; the window
 * is far longer than the JDK's one-second flush. Operations of one trace further apart than the
 * window are counted as two requests.
 */
public final class RequestGrouper {
  /** How far the recording moves on before a request seen no more is closed: 30 s. */
  public static final long CLOSE_AFTER_NANOS = 30_000_000_000L;

  private final boolean keepOperations;
  private final Consumer<Request> closed;

  /** Open requests, least recently extended first. */
  private final LinkedHashMap<String, Open> open = new LinkedHashMap<>(1024, 0.75f, true);

  private long latestEndNanos = Long.MIN_VALUE;

  /**
   * @param keepOperations whether closed requests carry their operations (costs memory for every
   *     open request)
   * @param closed receives each request when it is closed
   */
  public RequestGrouper(boolean keepOperations, Consumer<Request> closed) {
    this.keepOperations = keepOperations;
    this.closed = closed;
  }

  /** Adds {@code operation} to its request, and closes the requests it has left behind. */
  public void accept(WasmOperation operation) {
    if (operation.traceId() == null || operation.phase() == WasmOperation.Phase.HOST_CALL) {
      return;
    }
    Open request = open.get(operation.traceId());
    if (request == null) {
      request = new Open(operation.traceId());
      open.put(operation.traceId(), request);
    }
    request.add(operation, keepOperations);
    latestEndNanos = Math.max(latestEndNanos, operation.endNanos());
    closeOlderThan(latestEndNanos - CLOSE_AFTER_NANOS);
  }

  /** Closes every request still open: the recording ended. */
  public void finish() {
    closeOlderThan(Long.MAX_VALUE);
  }

  private void closeOlderThan(long nanos) {
    Iterator<Open> oldest = open.values().iterator();
    while (oldest.hasNext()) {
      Open request = oldest.next();
      if (request.lastEndNanos >= nanos) {
        return;
      }
      oldest.remove();
      closed.accept(request.close());
    }
  }

  private static final class Open {
    private final String traceId;
    private final List<WasmOperation> operations = new ArrayList<>();
    private long startNanos = Long.MAX_VALUE;
    private long endNanos = Long.MIN_VALUE;
    private long lastEndNanos = Long.MIN_VALUE;
    private long wasmNanos;
    private int count;

    Open(String traceId) {
      this.traceId = traceId;
    }

    void add(WasmOperation operation, boolean keep) {
      startNanos = Math.min(startNanos, operation.startNanos());
      endNanos = Math.max(endNanos, operation.endNanos());
      lastEndNanos = Math.max(lastEndNanos, operation.endNanos());
      wasmNanos += Math.max(0, operation.durationNanos());
      count++;
      if (keep) {
        operations.add(operation);
      }
    }

    Request close() {
      operations.sort(Comparator.comparingLong(WasmOperation::startNanos));
      return new Request(traceId, startNanos, endNanos, wasmNanos, count, List.copyOf(operations));
    }
  }
}
