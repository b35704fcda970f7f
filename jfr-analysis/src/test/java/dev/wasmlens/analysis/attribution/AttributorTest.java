package dev.wasmlens.analysis.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlens.analysis.read.Interval;
import dev.wasmlens.analysis.read.WasmOperation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every rule's branches, with synthetic operations and events (times in µs from 0, threads 1 and
 * 2).
 */
class AttributorTest {
  private static final long US = 1_000;

  @Test
  void aCallThatReturnedInsideAPauseOwesItStronglyAndTheRestIsTimeOnCpu() {
    // 600 µs on CPU in wasm, then held 400 µs on its way back to Java by a pause that outlasted it.
    WasmOperation call = call(0, 1_000, 600, 0, false);
    AttributedOperation result =
        attribute(call, context(List.of(pause(600, 1_200)), List.of(), List.of(), Map.of()));
    assertThat(result.shares())
        .extracting(Share::cause, Share::nanos, Share::strength)
        .containsExactly(
            tuple(Cause.GC_SAFEPOINT, 400 * US, Strength.STRONG),
            tuple(Cause.ON_CPU, 600 * US, Strength.STRONG));
    assertThat(result.mainCause()).isEqualTo(Cause.ON_CPU);
  }

  @Test
  void aPauseThatMerelyOverlapsIsWeakEvidenceAndNeverMoreThanTheTimeOffCpu() {
    // 1 ms call, 900 µs of it on CPU: only 100 µs can have been spent stopped.
    WasmOperation call = call(0, 1_000, 900, 0, false);
    AttributedOperation result =
        attribute(call, context(List.of(pause(100, 500)), List.of(), List.of(), Map.of()));
    assertThat(result.shares().get(0))
        .extracting(Share::cause, Share::nanos, Share::strength)
        .containsExactly(Cause.GC_SAFEPOINT, 100 * US, Strength.WEAK);
  }

  @Test
  void withoutCpuTimeAnOverlappingPauseIsWeakEvidenceAndNothingIsStarvation() {
    // Recorded with cpu-time=off: -1.
    WasmOperation call = call(0, 1_000, -1, 0, false);
    AttributedOperation result =
        attribute(call, context(List.of(pause(100, 500)), List.of(), List.of(), Map.of()));
    assertThat(result.shares())
        .extracting(Share::cause, Share::nanos, Share::strength)
        .containsExactly(
            tuple(Cause.GC_SAFEPOINT, 400 * US, Strength.WEAK),
            tuple(Cause.UNEXPLAINED, 600 * US, Strength.WEAK));
    assertThat(result.shares().get(0).evidence()).contains("its CPU time not recorded");
  }

  @Test
  void hostTimeAndLockWaitsOnTheSameThreadAreStrong() {
    WasmOperation call = call(0, 1_000, 100, 300, false);
    Interval wait = new Interval(200 * US, 700 * US, 1, "JavaMonitorEnter app.Registry");
    Interval otherThread = new Interval(0, 1_000 * US, 2, "JavaMonitorEnter app.Other");
    AttributedOperation result =
        attribute(call, context(List.of(), List.of(wait, otherThread), List.of(), Map.of()));
    assertThat(result.shares())
        .extracting(Share::cause, Share::nanos, Share::strength)
        .contains(
            tuple(Cause.HOST_FUNCTIONS, 300 * US, Strength.STRONG),
            tuple(Cause.CONTENTION, 500 * US, Strength.STRONG));
    assertThat(result.mainCause()).isEqualTo(Cause.CONTENTION);
  }

  @Test
  void firstUseExplainsOnlyTheExcessOverTheUsualDuration() {
    WasmOperation first = call(0, 1_000, 1_000, 0, true);
    AttributedOperation result =
        attribute(
            first, context(List.of(), List.of(), List.of(), Map.of(Context.key(first), 100 * US)));
    assertThat(result.shares())
        .extracting(Share::cause, Share::nanos, Share::strength)
        .containsExactly(
            tuple(Cause.COLD_START, 900 * US, Strength.MEDIUM),
            tuple(Cause.ON_CPU, 100 * US, Strength.STRONG));
  }

  @Test
  void compilationsTakeOnlyOffCpuTimeThenStarvationTheRest() {
    WasmOperation call = call(0, 1_000, 200, 0, false);
    Interval compilation = new Interval(0, 300 * US, -1, "compilation of app.Hot::run");
    AttributedOperation result =
        attribute(
            call,
            new Context(
                new EvidenceBuilder()
                    .compilations(List.of(compilation))
                    .cpuLoad(List.of(load(500, 0.95)))
                    .build(),
                Map.of()));
    assertThat(result.shares())
        .extracting(Share::cause, Share::nanos, Share::strength)
        .containsExactly(
            tuple(Cause.JIT, 300 * US, Strength.WEAK),
            tuple(Cause.CPU_STARVATION, 500 * US, Strength.MEDIUM),
            tuple(Cause.ON_CPU, 200 * US, Strength.STRONG));
  }

  @Test
  void aDeoptimizationOnTheThreadMakesJitEvidenceMedium() {
    WasmOperation call = call(0, 1_000, 500, 0, false);
    Interval compilation = new Interval(0, 1_000 * US, -1, "compilation");
    Interval deopt = new Interval(10 * US, 10 * US, 1, "deoptimization (unstable_if)");
    AttributedOperation result =
        attribute(
            call,
            new Context(
                new EvidenceBuilder()
                    .compilations(List.of(compilation))
                    .deoptimizations(List.of(deopt))
                    .build(),
                Map.of()));
    assertThat(result.shares().get(0))
        .extracting(Share::cause, Share::strength)
        .containsExactly(Cause.JIT, Strength.MEDIUM);
  }

  @Test
  void aCompilesWaitForWasmtimesThreadsIsNotStarvationNorJit() {
    WasmOperation compile =
        new WasmOperation(
            WasmOperation.Phase.COMPILE,
            0,
            1_000 * US,
            1,
            0,
            "main",
            "m.wasm",
            "m.wasm",
            7,
            0,
            0,
            0,
            "ok",
            50 * US,
            -1,
            -1,
            -1,
            0,
            false,
            null);
    Interval compilation = new Interval(0, 1_000 * US, -1, "compilation");
    AttributedOperation result =
        attribute(
            compile,
            new Context(
                new EvidenceBuilder().compilations(List.of(compilation)).build(), Map.of()));
    assertThat(result.shares())
        .extracting(Share::cause)
        .containsExactly(Cause.ON_CPU, Cause.UNEXPLAINED);
  }

  @Test
  void anotherThreadsCompileOnTheSameEngineExplainsASlowStoreCreation() {
    WasmOperation store =
        new WasmOperation(
            WasmOperation.Phase.STORE_CREATE,
            100 * US,
            700 * US,
            1,
            0,
            "worker",
            null,
            null,
            7,
            0,
            0,
            0,
            "ok",
            20 * US,
            -1,
            -1,
            -1,
            0,
            false,
            null);
    WasmOperation compile =
        new WasmOperation(
            WasmOperation.Phase.COMPILE,
            0,
            600 * US,
            2,
            0,
            "compiler",
            "big.wasm",
            "big.wasm",
            7,
            0,
            0,
            0,
            "ok",
            590 * US,
            -1,
            -1,
            -1,
            0,
            false,
            null);
    WasmOperation otherEngine =
        new WasmOperation(
            WasmOperation.Phase.COMPILE,
            0,
            900 * US,
            3,
            0,
            "other",
            "x.wasm",
            "x.wasm",
            8,
            0,
            0,
            0,
            "ok",
            890 * US,
            -1,
            -1,
            -1,
            0,
            false,
            null);
    AttributedOperation result =
        attribute(
            store,
            new Context(
                new EvidenceBuilder().lockHolders(List.of(compile, otherEngine)).build(),
                Map.of()));
    assertThat(result.shares().get(0))
        .extracting(Share::cause, Share::nanos, Share::strength)
        .containsExactly(Cause.CONTENTION, 500 * US, Strength.MEDIUM);
    assertThat(result.shares().get(0).evidence())
        .contains("native engine lock held by compiler's compile of big.wasm");
    assertThat(result.mainCause()).isEqualTo(Cause.CONTENTION);
  }

  @Test
  void withoutAnyEvidenceEverythingIsUnexplained() {
    AttributedOperation result =
        attribute(call(0, 1_000, -1, 0, false), context(List.of(), List.of(), List.of(), Map.of()));
    assertThat(result.shares())
        .extracting(Share::cause, Share::nanos)
        .containsExactly(tuple(Cause.UNEXPLAINED, 1_000 * US));
  }

  @Test
  void aCallOnCpuThroughoutIsTimeOnCpuNotUnexplained() {
    AttributedOperation result =
        attribute(
            call(0, 1_000, 1_000, 0, false),
            context(
                List.of(),
                List.of(),
                List.of(),
                Map.of(Context.key(call(0, 1, 1, 0, false)), 200 * US)));
    assertThat(result.shares())
        .extracting(Share::cause, Share::nanos, Share::strength)
        .containsExactly(tuple(Cause.ON_CPU, 1_000 * US, Strength.STRONG));
    assertThat(result.shares().get(0).evidence())
        .isEqualTo(
            "on a CPU for 1000 us of its 1000 us (the usual duration of this operation is 200 us)");
  }

  private static AttributedOperation attribute(WasmOperation operation, Context context) {
    AttributedOperation result = new Attributor(context).attribute(operation);
    assertThat(result.shares().stream().mapToLong(Share::nanos).sum())
        .isEqualTo(operation.durationNanos());
    return result;
  }

  private static Context context(
      List<Interval> pauses,
      List<Interval> lockWaits,
      List<Interval> compilations,
      Map<String, Long> medians) {
    return new Context(
        new EvidenceBuilder()
            .pauses(pauses)
            .lockWaits(lockWaits)
            .compilations(compilations)
            .build(),
        medians);
  }

  private static WasmOperation call(
      long startUs, long endUs, long cpuUs, long hostUs, boolean firstUse) {
    return new WasmOperation(
        WasmOperation.Phase.CALL,
        startUs * US,
        endUs * US,
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
        hostUs * US,
        firstUse,
        null);
  }

  private static Interval pause(long startUs, long endUs) {
    return new Interval(startUs * US, endUs * US, -1, "safepoint");
  }

  private static Interval load(long atUs, double load) {
    return new Interval(atUs * US, atUs * US, -1, String.valueOf(load));
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.groups.Tuple.tuple(values);
  }
}
