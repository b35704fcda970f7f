package dev.wasmlens.agent.it;

import static dev.wasmlens.agent.it.WasmEvents.CALL;
import static dev.wasmlens.agent.it.WasmEvents.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlens.agent.it.OtlpReceiver.ReceivedSpan;
import dev.wasmlens.agent.it.app.TailCallsApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/**
 * Telemetry selects as the recording does: with spans and metrics exported over OTLP beside a
 * recording at the default settings, on {@link TailCallsApp} (a busy export with slow, failing and
 * first calls among its fast ones) in a child JVM. Every call is in {@code wasm.call.duration}, the
 * slow and failed ones are spans, and the fast ones are neither spans nor, once the histograms have
 * seen a busy second, events: telemetry no longer makes every call an event, and a call it only
 * counts allocates nothing.
 */
class TelemetrySelectionIT {
  private static final long SPAN_THRESHOLD_NANOS = Duration.ofMillis(1).toNanos() / 10;

  @Test
  void everyCallIsInTheMetricAndOnlySlowAndFailedOnesAreSpansOrEvents() throws Exception {
    Path recording = ChildJvm.recordingFile("tail-calls-telemetry");
    ChildJvm.Result result;
    List<ReceivedSpan> spans;
    Map<String, Long> histogramCounts;
    try (OtlpReceiver receiver = new OtlpReceiver(OtlpReceiver.Behaviour.ACCEPT)) {
      result =
          ThreeRuns.child(TailCallsApp.class)
              .env("OTEL_SERVICE_NAME", "tail-calls")
              .exportingTo(receiver)
              .withAgent("jfr.file=" + recording)
              .run("tail-calls-telemetry");
      spans = receiver.spansNamed("wasm call");
      histogramCounts = receiver.histogramCounts();
    }
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.suppressedFailures()).isZero();
    Map<String, Long> made = AppReport.counts(result);

    assertThat(histogramCounts).containsEntry("wasm.call.duration", made.get("calls"));
    assertThat(spans)
        .allSatisfy(
            s ->
                assertThat(s.error() || s.endNanos() - s.startNanos() >= SPAN_THRESHOLD_NANOS)
                    .as("%s is slow or failed", s)
                    .isTrue());
    assertThat(spans.stream().filter(ReceivedSpan::error)).hasSize(made.get("traps").intValue());
    assertThat(spans.stream().filter(s -> s.endNanos() - s.startNanos() >= 1_000_000))
        .hasSizeGreaterThanOrEqualTo(made.get("slow").intValue());

    // The recording keeps its own selection: at most 5% of the mixed phase's fast calls are events,
    // as without telemetry (CallSelectionIT); and each event of a span's call names that span.
    List<RecordedEvent> events = WasmEvents.read(recording).where(CALL, field("export", "work"));
    List<RecordedEvent> mixed = ThreeRuns.inMixedPhase(events, made);
    long kept = made.get("slow") + made.get("traps") + made.get("instances");
    long mixedCalls = made.get("mixed-calls");
    assertThat(mixed.size() - kept)
        .as("events of fast calls among %d calls in the mixed phase", mixedCalls)
        .isLessThanOrEqualTo(mixedCalls / 20);
    assertThat(
            events.stream()
                .filter(e -> "trap".equals(e.getString("outcome")))
                .map(e -> e.getString("spanId")))
        .hasSize(made.get("traps").intValue())
        .allSatisfy(id -> assertThat(id).isNotEmpty());

    // A call telemetry only counts allocates nothing either (escape analysis off in both JVMs).
    ChildJvm.Result bare = ThreeRuns.child(TailCallsApp.class).run("tail-calls-telemetry-bare");
    assertThat(AppReport.bytesPerCall(result))
        .isLessThan(AppReport.bytesPerCall(bare) + AppReport.ONE_OFF_BYTES_PER_CALL);
  }
}
