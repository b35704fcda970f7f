package dev.wasmlens.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LatencyHistogramsTest {
  private final LatencyHistograms histograms =
      new LatencyHistograms(
          InstrumentationScopeInfo.create("dev.wasmlens"),
          Clock.fixed(Instant.ofEpochSecond(1_000), ZoneOffset.UTC));

  @Test
  void nothingRecordedNothingProduced() {
    assertThat(histograms.produce(Resource.empty())).isEmpty();
  }

  @Test
  void callsAreBucketedInSecondsPerModuleExportAndOutcomeAndAccumulate() {
    histograms.record(call("add", "ok", 15_000));
    histograms.record(call("add", "ok", 15_000));
    histograms.record(call("add", "ok", 2_000_000));
    histograms.record(call("add", "trap", 40_000));
    histograms.record(call("sub", "ok", 9_000));
    histograms.record(WasmPhase.hostCall(0, 5_000, "env.f", 0, "ok", null));

    MetricData calls = only(histograms.produce(Resource.empty()), "wasm.call.duration");
    assertThat(calls.getUnit()).isEqualTo("s");
    assertThat(calls.getInstrumentationScopeInfo().getName()).isEqualTo("dev.wasmlens");
    List<HistogramPointData> points = List.copyOf(calls.getHistogramData().getPoints());
    assertThat(points).hasSize(3);
    HistogramPointData addOk =
        points.stream()
            .filter(p -> "add".equals(p.getAttributes().get(WasmAttributes.EXPORT)))
            .filter(p -> "ok".equals(p.getAttributes().get(WasmAttributes.OUTCOME)))
            .findFirst()
            .orElseThrow();
    assertThat(addOk.getAttributes().get(WasmAttributes.MODULE_NAME)).isEqualTo("m.wasm");
    assertThat(addOk.getCount()).isEqualTo(3);
    assertThat(addOk.getBoundaries()).isEqualTo(LatencyHistograms.BUCKETS_SECONDS);
    // 15 µs lands in (10 µs, 25 µs], 2 ms in (1 ms, 2.5 ms].
    assertThat(addOk.getCounts().get(1)).isEqualTo(2);
    assertThat(addOk.getCounts().get(7)).isEqualTo(1);
    assertThat(addOk.getSum()).isCloseTo(0.00203, within(0.00001));
    assertThat(addOk.getMin()).isCloseTo(0.000015, within(0.0000001));
    assertThat(addOk.getMax()).isCloseTo(0.002, within(0.000002));
    assertThat(addOk.getEpochNanos()).isEqualTo(1_000_000_000_000L);

    // Cumulative: the next collection still holds the first three, plus what came since.
    histograms.record(call("add", "ok", 15_000));
    MetricData again = only(histograms.produce(Resource.empty()), "wasm.call.duration");
    assertThat(
            again.getHistogramData().getPoints().stream()
                .mapToLong(HistogramPointData::getCount)
                .sum())
        .isEqualTo(6);
  }

  @Test
  void eachPhaseHasItsOwnMetricAndTheModuleIsItsOnlyIdentity() {
    histograms.record(phase(WasmPhase.Kind.COMPILE, 900_000_000));
    histograms.record(phase(WasmPhase.Kind.INSTANTIATE, 20_000));
    histograms.record(phase(WasmPhase.Kind.TEARDOWN, 100_000));
    Collection<MetricData> metrics = histograms.produce(Resource.empty());
    assertThat(metrics.stream().map(MetricData::getName).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(
            "wasm.compile.duration", "wasm.instantiate.duration", "wasm.teardown.duration");
    HistogramPointData compile =
        only(metrics, "wasm.compile.duration").getHistogramData().getPoints().iterator().next();
    assertThat(compile.getAttributes().asMap()).hasSize(2);
    assertThat(compile.getAttributes().get(WasmAttributes.EXPORT)).isNull();
  }

  private static MetricData only(Collection<MetricData> metrics, String name) {
    List<MetricData> named = metrics.stream().filter(m -> m.getName().equals(name)).toList();
    assertThat(named).hasSize(1);
    return named.get(0);
  }

  private static WasmPhase call(String export, String outcome, long nanos) {
    return WasmPhase.call(0, nanos, "m.wasm", export, 1, 1, false, outcome, null);
  }

  private static WasmPhase phase(WasmPhase.Kind kind, long nanos) {
    return new WasmPhase(
        kind, 0, nanos, "m.wasm", "ab", 10, "ignored", null, "Store", 7, 1, 1, true, "ok", null);
  }
}
