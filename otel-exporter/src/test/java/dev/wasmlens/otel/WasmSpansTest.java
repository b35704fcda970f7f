package dev.wasmlens.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The span rules, with the SDK's in-memory exporter: thresholds, host-call buffering, parents,
 * sampling.
 */
class WasmSpansTest {
  private static final long MIN = 100_000;
  private static final SpanContext APPLICATION =
      SpanContext.createFromRemoteParent(
          "0af7651916cd43dd8448eb211c80319c",
          "b7ad6b7169203331",
          TraceFlags.getSampled(),
          TraceState.getDefault());

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final ExportCounters counters = new ExportCounters();

  @Test
  void aFastCallGetsNoSpanButItsSlowHostCallDoesUnderTheApplication() {
    WasmSpans spans = spans(Sampler.alwaysOn());
    spans.hostCall(phase(WasmPhase.Kind.HOST_CALL, 0, 150_000, "ok"));
    spans.hostCall(phase(WasmPhase.Kind.HOST_CALL, 0, 10_000, "ok"));

    SpanContext call = spans.call(phase(WasmPhase.Kind.CALL, 0, 99_999, "ok"), APPLICATION);

    assertThat(call.isValid()).isFalse();
    List<SpanData> finished = exporter.getFinishedSpanItems();
    assertThat(finished).extracting(SpanData::getName).containsExactly("wasm host env.log");
    assertThat(finished.get(0).getParentSpanId()).isEqualTo(APPLICATION.getSpanId());
    assertThat(finished.get(0).getTraceId()).isEqualTo(APPLICATION.getTraceId());
  }

  @Test
  void aSlowCallIsTheParentOfItsHostCallsAndTheBufferEmptiesAfterIt() {
    WasmSpans spans = spans(Sampler.alwaysOn());
    spans.hostCall(phase(WasmPhase.Kind.HOST_CALL, 1_000, 200_000, "error"));

    SpanContext call =
        spans.call(phase(WasmPhase.Kind.CALL, 0, 300_000, "trap"), SpanContext.getInvalid());
    spans.call(phase(WasmPhase.Kind.CALL, 0, 300_000, "ok"), SpanContext.getInvalid());

    List<SpanData> finished = exporter.getFinishedSpanItems();
    assertThat(finished)
        .extracting(SpanData::getName)
        .containsExactly("wasm call run", "wasm host env.log", "wasm call run");
    assertThat(finished.get(0).getParentSpanContext().isValid()).isFalse();
    assertThat(finished.get(1).getParentSpanId()).isEqualTo(call.getSpanId());
    assertThat(finished.get(0).getStatus().getStatusCode().name()).isEqualTo("ERROR");
    assertThat(finished.get(0).getStartEpochNanos()).isEqualTo(1_000_000_000L);
    assertThat(finished.get(0).getEndEpochNanos()).isEqualTo(1_000_300_000L);
    assertThat(counters.ended()).isEqualTo(3);
  }

  @Test
  void aFailedCallOrHostCallIsASpanHoweverFast() {
    WasmSpans spans = spans(Sampler.alwaysOn());
    spans.hostCall(phase(WasmPhase.Kind.HOST_CALL, 0, 5_000, "error"));
    spans.hostCall(phase(WasmPhase.Kind.HOST_CALL, 0, 5_000, "ok"));

    SpanContext call = spans.call(phase(WasmPhase.Kind.CALL, 0, 20_000, "trap"), APPLICATION);
    spans.call(phase(WasmPhase.Kind.CALL, 0, 20_000, "ok"), APPLICATION);

    List<SpanData> finished = exporter.getFinishedSpanItems();
    assertThat(finished)
        .extracting(SpanData::getName)
        .containsExactly("wasm call run", "wasm host env.log");
    assertThat(finished)
        .allSatisfy(span -> assertThat(span.getStatus().getStatusCode().name()).isEqualTo("ERROR"));
    assertThat(finished.get(1).getParentSpanId()).isEqualTo(call.getSpanId());
  }

  @Test
  void hostCallsBeyondTheBufferAreCountedNotKept() {
    WasmSpans spans = spans(Sampler.alwaysOn());
    for (int i = 0; i < WasmSpans.MAX_BUFFERED_HOST_CALLS + 5; i++) {
      spans.hostCall(phase(WasmPhase.Kind.HOST_CALL, 0, 200_000, "ok"));
    }
    spans.call(phase(WasmPhase.Kind.CALL, 0, 300_000, "ok"), SpanContext.getInvalid());
    assertThat(exporter.getFinishedSpanItems()).hasSize(1 + WasmSpans.MAX_BUFFERED_HOST_CALLS);
    assertThat(spans.hostCallsNotBuffered()).isEqualTo(5);
  }

  @Test
  void theConfiguredSamplerDecides() {
    WasmSpans spans = spans(Sampler.alwaysOff());
    spans.phase(phase(WasmPhase.Kind.COMPILE, 0, 5_000_000, "ok"), SpanContext.getInvalid());
    assertThat(exporter.getFinishedSpanItems()).isEmpty();
    assertThat(counters.ended()).isZero();
  }

  private WasmSpans spans(Sampler sampler) {
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setSampler(sampler)
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    return new WasmSpans(provider.get("test"), MIN, MIN, counters);
  }

  private static WasmPhase phase(
      WasmPhase.Kind kind, long startOffset, long duration, String outcome) {
    long start = 1_000_000_000L + startOffset;
    return new WasmPhase(
        kind,
        start,
        start + duration,
        "m.wasm",
        "ab",
        10,
        kind == WasmPhase.Kind.CALL ? "run" : null,
        kind == WasmPhase.Kind.HOST_CALL ? "env.log" : null,
        null,
        0,
        1,
        1,
        false,
        outcome,
        "ok".equals(outcome) ? null : "java.lang.IllegalStateException: boom");
  }
}
