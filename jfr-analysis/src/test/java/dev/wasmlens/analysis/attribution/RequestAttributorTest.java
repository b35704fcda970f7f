package dev.wasmlens.analysis.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlens.analysis.read.Evidence;
import dev.wasmlens.analysis.read.Interval;
import dev.wasmlens.analysis.read.ThreadActivity;
import dev.wasmlens.analysis.read.WasmOperation;
import dev.wasmlens.analysis.request.Request;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** Times in µs from 0 on thread 1. */
class RequestAttributorTest {
  private static final long US = 1_000;

  @Test
  void setUpOnTheRequestsPathIsColdStartAndTheCallKeepsItsOwnCauses() {
    WasmOperation store = op(WasmOperation.Phase.STORE_CREATE, 0, 100, 100);
    // Off CPU for 300 µs at low machine load: weak evidence of starvation, which on the request's
    // path gives way to cold start.
    WasmOperation instantiate = op(WasmOperation.Phase.INSTANTIATE, 100, 900, 500);
    // The call waited 300 µs for a monitor inside it, and ran 100 µs.
    WasmOperation call = op(WasmOperation.Phase.CALL, 900, 1_300, 100);
    Interval wait = new Interval(950 * US, 1_250 * US, 1, "JavaMonitorEnter app.Registry");
    Request request =
        new Request("t1", 0, 1_300 * US, 1_300 * US, 3, List.of(store, instantiate, call));

    AttributedRequest result =
        new RequestAttributor(
                new Attributor(
                    new Context(
                        new EvidenceBuilder()
                            .lockWaits(List.of(wait))
                            .cpuLoad(List.of(new Interval(0, 0, -1, "0.2")))
                            .build(),
                        Map.of())))
            .attribute(request);

    assertThat(result.shares())
        .extracting(Share::cause, Share::nanos, Share::strength)
        .containsExactlyInAnyOrder(
            Tuple.tuple(Cause.COLD_START, 900 * US, Strength.STRONG),
            Tuple.tuple(Cause.CONTENTION, 300 * US, Strength.STRONG),
            Tuple.tuple(Cause.ON_CPU, 100 * US, Strength.STRONG));
    assertThat(result.shares().stream().mapToLong(Share::nanos).sum())
        .isEqualTo(request.wasmNanos());
    assertThat(result.mainCause()).isEqualTo(Cause.COLD_START);
    assertThat(result.operations())
        .extracting(AttributedOperation::mainCause)
        .containsExactly(Cause.COLD_START, Cause.COLD_START, Cause.CONTENTION);
    assertThat(result.operations().get(1).shares().get(0).evidence())
        .isEqualTo("instantiate on the request's path");
  }

  @Test
  void aRequestOfCallsAloneOwesNothingToColdStart() {
    WasmOperation call = op(WasmOperation.Phase.CALL, 0, 500, 500);
    AttributedRequest result =
        new RequestAttributor(new Attributor(new Context(new EvidenceBuilder().build(), Map.of())))
            .attribute(new Request("t2", 0, 500 * US, 500 * US, 1, List.of(call)));
    assertThat(result.shares()).extracting(Share::cause).containsExactly(Cause.ON_CPU);
  }

  @Test
  void aSetUpsWaitForACpuOnTheRequestsPathIsColdStartWithWhoHadTheCpusInTheEvidence() {
    // A compile on the path: 1 ms, 400 us on CPU, 500 us waiting while compiler threads ran, 100 us
    // blocked.
    WasmOperation compile =
        new WasmOperation(
            WasmOperation.Phase.COMPILE,
            0,
            1_000 * US,
            1,
            100,
            "worker",
            "m.wasm",
            "m.wasm",
            7,
            0,
            0,
            0,
            "ok",
            400 * US,
            500 * US,
            -1,
            -1,
            0,
            false,
            "t3");
    Evidence compilers =
        new EvidenceBuilder()
            .samples(
                List.of(new ThreadActivity(0, 1_000 * US, 5, "C2 CompilerThre", 900 * US, 0)),
                List.of(),
                Map.of(100L, "worker"),
                false)
            .build();
    AttributedRequest result =
        new RequestAttributor(new Attributor(new Context(compilers, Map.of())))
            .attribute(new Request("t3", 0, 1_000 * US, 1_000 * US, 1, List.of(compile)));
    assertThat(result.shares())
        .extracting(Share::cause, Share::nanos)
        .containsExactly(Tuple.tuple(Cause.COLD_START, 1_000 * US));
    assertThat(result.operations().get(0).shares())
        .anySatisfy(
            share ->
                assertThat(share.evidence())
                    .startsWith(
                        "compile on the request's path, waiting for a CPU it needed only for the"
                            + " set-up: JIT compilation had it (waited 500 us"));
  }

  @Test
  void aCompilesWaitForItsNativeWorkersCpuOnTheRequestsPathIsColdStartToo() {
    // A compile on the path: 1 ms, 100 us on CPU, switched out, 900 us blocked while Wasmtime's
    // compile threads (native: named after their creator, not in JFR's list of Java threads) ran
    // 300 us and waited 600 us for a CPU.
    WasmOperation compile =
        new WasmOperation(
            WasmOperation.Phase.COMPILE,
            0,
            1_000 * US,
            1,
            100,
            "worker",
            "m.wasm",
            "m.wasm",
            7,
            0,
            0,
            0,
            "ok",
            100 * US,
            0,
            3,
            3,
            0,
            false,
            "t4");
    Evidence workers =
        new EvidenceBuilder()
            .samples(
                List.of(new ThreadActivity(0, 1_000 * US, 5, "worker", 300 * US, 600 * US)),
                List.of(),
                Map.of(100L, "worker"),
                true)
            .build();
    AttributedRequest result =
        new RequestAttributor(new Attributor(new Context(workers, Map.of())))
            .attribute(new Request("t4", 0, 1_000 * US, 1_000 * US, 1, List.of(compile)));
    assertThat(result.shares())
        .extracting(Share::cause, Share::nanos)
        .containsExactly(Tuple.tuple(Cause.COLD_START, 1_000 * US));
    assertThat(result.operations().get(0).shares())
        .anySatisfy(
            share ->
                assertThat(share.evidence())
                    .contains("blocked while Wasmtime's native compile threads waited 600 us"));
  }

  private static WasmOperation op(WasmOperation.Phase phase, long fromUs, long toUs, long cpuUs) {
    return new WasmOperation(
        phase,
        fromUs * US,
        toUs * US,
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
        cpuUs * US,
        -1,
        -1,
        -1,
        0,
        false,
        "t1");
  }
}
