package dev.wasmlens.analysis.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlens.analysis.read.WasmOperation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestGrouperTest {
  private static final long MS = 1_000_000;

  @Test
  void operationsOfOneTraceFormOneRequestWithTheirWasmTimeAddedUp() {
    List<Request> closed = new ArrayList<>();
    RequestGrouper grouper = new RequestGrouper(true, closed::add);
    grouper.accept(op(WasmOperation.Phase.STORE_CREATE, "a", 0, 1));
    grouper.accept(op(WasmOperation.Phase.INSTANTIATE, "a", 1, 3));
    grouper.accept(op(WasmOperation.Phase.CALL, "b", 2, 4));
    grouper.accept(op(WasmOperation.Phase.CALL, "a", 5, 9));
    // Inside the call: its time is already the call's.
    grouper.accept(op(WasmOperation.Phase.HOST_CALL, "a", 6, 7));
    grouper.accept(op(WasmOperation.Phase.CALL, null, 0, 50));
    assertThat(closed).isEmpty();
    grouper.finish();

    assertThat(closed)
        .extracting(Request::traceId, Request::wasmNanos, Request::operationCount)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("a", 7 * MS, 3),
            org.assertj.core.groups.Tuple.tuple("b", 2 * MS, 1));
    Request a = closed.stream().filter(r -> r.traceId().equals("a")).findFirst().orElseThrow();
    assertThat(a.startNanos()).isZero();
    assertThat(a.endNanos()).isEqualTo(9 * MS);
    assertThat(a.operations())
        .extracting(WasmOperation::phase)
        .containsExactly(
            WasmOperation.Phase.STORE_CREATE,
            WasmOperation.Phase.INSTANTIATE,
            WasmOperation.Phase.CALL);
  }

  @Test
  void aRequestIsClosedOnceTheRecordingHasMovedOnByTheWindow() {
    List<Request> closed = new ArrayList<>();
    RequestGrouper grouper = new RequestGrouper(false, closed::add);
    long window = RequestGrouper.CLOSE_AFTER_NANOS / MS;
    grouper.accept(op(WasmOperation.Phase.CALL, "early", 0, 1));
    grouper.accept(op(WasmOperation.Phase.CALL, "later", window, window + 1));
    assertThat(closed).isEmpty();
    grouper.accept(op(WasmOperation.Phase.CALL, "latest", window + 2, window + 3));
    assertThat(closed).extracting(Request::traceId).containsExactly("early");
    assertThat(closed.get(0).operations()).as("not kept when not asked").isEmpty();

    // A trace seen again after it was closed is counted as a second request.
    grouper.accept(op(WasmOperation.Phase.CALL, "early", window + 4, window + 5));
    grouper.finish();
    assertThat(closed)
        .extracting(Request::traceId)
        .containsExactlyInAnyOrder("early", "later", "latest", "early");
  }

  private static WasmOperation op(WasmOperation.Phase phase, String trace, long fromMs, long toMs) {
    return new WasmOperation(
        phase,
        fromMs * MS,
        toMs * MS,
        1,
        0,
        "worker",
        "m.wasm",
        "run",
        7,
        0,
        0,
        3,
        "ok",
        0,
        -1,
        -1,
        -1,
        0,
        false,
        trace);
  }
}
