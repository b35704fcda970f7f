package dev.wasmlens.agent.it;

import static dev.wasmlens.agent.it.WasmEvents.CALL;
import static dev.wasmlens.agent.it.WasmEvents.PHASES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlens.agent.it.OtlpReceiver.ReceivedSpan;
import dev.wasmlens.agent.it.app.HttpWasmApp;
import dev.wasmlens.agent.it.app.WasmScenario;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/**
 * WasmLens as an extension of the OpenTelemetry Java agent ({@code wasmlens-otel-extension.jar})
 * against the standalone agent on the same programs: the same span trees under the agent's HTTP
 * server spans, the same metrics, and the same JFR events as the standalone agent records without
 * native wrapping (the difference to native wrapping is WasmPhasesIT's).
 */
class OtelExtensionIT {
  private static final String SERVICE = "wasm-http";

  @Test
  void spanTreesMetricsAndRequestEventsAreTheStandaloneAgents() throws Exception {
    Run standalone = http("extension-compare-standalone", false);
    Run extension = http("extension-compare-extension", true);

    assertThat(extension.result.stderr())
        .contains("[wasmlens] extension")
        .contains("spans and metrics through the OpenTelemetry Java agent")
        .doesNotContain("[wasmlens] agent");
    assertThat(extension.result.suppressedFailures()).isZero();
    assertThat(extension.trees).hasSize(3).isEqualTo(standalone.trees);
    assertThat(extension.requestEvents).hasSize(3).isEqualTo(standalone.requestEvents);
    assertThat(extension.metrics)
        .contains(
            "wasm.instantiate.duration",
            "wasm.call.duration",
            "wasm.teardown.duration",
            "wasmtime.live")
        .containsAll(standalone.metrics.stream().filter(m -> m.startsWith("wasm")).toList());
  }

  @Test
  void everyPhaseOfTheScenarioIsRecordedAndTracedAsTheStandaloneAgentDoesWithoutNativeWrapping()
      throws Exception {
    ScenarioRun standalone = scenario("extension-scenario-standalone", false);
    ScenarioRun extension = scenario("extension-scenario", true);

    assertThat(extension.result.stdout()).isEqualTo(standalone.result.stdout());
    for (String phase : PHASES) {
      assertThat(WasmPhasesIT.identities(extension.events, phase))
          .as(phase)
          .isNotEmpty()
          .isEqualTo(WasmPhasesIT.identities(standalone.events, phase));
    }
    assertThat(lastStatus(extension.events).getInt("instrumentedClasses"))
        .isEqualTo(lastStatus(standalone.events).getInt("instrumentedClasses"));
    // Every phase a span, with the same attributes, errors and exception events.
    assertThat(extension.spans).hasSizeGreaterThan(100).isEqualTo(standalone.spans);
    assertThat(extension.histogramCounts)
        .containsAllEntriesOf(
            standalone.histogramCounts.entrySet().stream()
                .filter(e -> e.getKey().startsWith("wasm."))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }

  private static RecordedEvent lastStatus(WasmEvents events) {
    List<RecordedEvent> status = events.named(WasmEvents.AGENT_STATUS);
    return status.get(status.size() - 1);
  }

  /** One run of the scenario, and what it recorded and exported. */
  private record ScenarioRun(
      ChildJvm.Result result,
      WasmEvents events,
      List<String> spans,
      Map<String, Long> histogramCounts) {}

  /**
   * Runs the scenario with the standalone agent without native wrapping, or as the extension, every
   * phase a span.
   */
  private static ScenarioRun scenario(String name, boolean asExtension) throws Exception {
    Path recording = ChildJvm.recordingFile(name);
    ChildJvm.Result result;
    List<ReceivedSpan> spans;
    Map<String, Long> histogramCounts;
    try (OtlpReceiver receiver = new OtlpReceiver(OtlpReceiver.Behaviour.ACCEPT)) {
      ChildJvm jvm =
          ChildJvm.app(WasmScenario.class.getName(), ChildJvm.WASM_DIR.toString())
              .env("OTEL_SERVICE_NAME", "wasm-scenario")
              .exportingTo(receiver)
              .env("OTEL_LOGS_EXPORTER", "none");
      if (asExtension) {
        jvm.withOtelExtension(
            "jfr.file=" + recording, "spans.call.min-duration=0", "spans.host-call.min-duration=0");
      } else {
        jvm.jvmOption("-Dwasmlens.internal.native-wrapping=false")
            .withAgent(
                "jfr.file="
                    + recording
                    + ",spans.call.min-duration=0,spans.host-call.min-duration=0");
      }
      result = jvm.run(name);
      spans = receiver.spansNamed("wasm ");
      histogramCounts = receiver.histogramCounts();
    }
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.suppressedFailures()).isZero();
    return new ScenarioRun(
        result,
        WasmEvents.read(recording),
        spans.stream()
            .map(
                s ->
                    s.name()
                        + " "
                        + s.kind()
                        + " error="
                        + s.error()
                        + " "
                        + wasmAttributes(s)
                        + " "
                        + s.events())
            .sorted()
            .collect(Collectors.toList()),
        histogramCounts);
  }

  @Test
  void theAgentsSwitchTurnsItOffAndTheApplicationRunsAlone() throws Exception {
    Path recording = ChildJvm.recordingFile("extension-off");
    ChildJvm.Result off =
        scenarioExportingNothing()
            .jvmOption("-Dotel.instrumentation.wasmtime.enabled=false")
            .withOtelExtension("jfr.file=" + recording)
            .run("extension-off");
    ChildJvm.Result plain =
        ChildJvm.app(WasmScenario.class.getName(), ChildJvm.WASM_DIR.toString())
            .run("extension-off-plain");
    assertThat(off.exitCode()).isZero();
    assertThat(off.stdout()).isEqualTo(plain.stdout());
    assertThat(off.stderr()).contains("[wasmlens] extension").contains("disabled by configuration");
    assertThat(recording).doesNotExist();
  }

  @Test
  void withTheStandaloneAgentTooOnlyOneRecords() throws Exception {
    Path recording = ChildJvm.recordingFile("extension-and-agent");
    ChildJvm.Result both =
        scenarioExportingNothing()
            .withOtelExtension("jfr.file=" + recording)
            .withAgent(null)
            .run("extension-and-agent");
    assertThat(both.exitCode()).as(both.stderr()).isZero();
    assertThat(both.stderr())
        .contains("[wasmlens] agent")
        .contains("not started: WasmLens already runs in this JVM as an extension");
    // The scenario makes 109 calls: recorded once.
    assertThat(WasmEvents.read(recording).named(CALL)).hasSize(109);
  }

  /** The scenario, with the OpenTelemetry agent's exporters off. */
  private static ChildJvm scenarioExportingNothing() {
    return ChildJvm.app(WasmScenario.class.getName(), ChildJvm.WASM_DIR.toString())
        .env("OTEL_TRACES_EXPORTER", "none")
        .env("OTEL_METRICS_EXPORTER", "none")
        .env("OTEL_LOGS_EXPORTER", "none");
  }

  /** One run of the HTTP app under the OpenTelemetry agent, and what it exported and recorded. */
  private record Run(
      ChildJvm.Result result,
      Map<Integer, List<String>> trees,
      Map<Integer, List<String>> requestEvents,
      List<String> metrics) {}

  /** Runs the HTTP app under the OpenTelemetry agent with WasmLens as its extension or not. */
  private static Run http(String name, boolean asExtension) throws Exception {
    Path recording = ChildJvm.recordingFile(name);
    List<ReceivedSpan> spans;
    List<String> metrics;
    ChildJvm.Result result;
    try (OtlpReceiver receiver = new OtlpReceiver(OtlpReceiver.Behaviour.ACCEPT)) {
      ChildJvm jvm =
          ChildJvm.app(HttpWasmApp.class.getName(), ChildJvm.WASM_DIR.toString(), "3")
              .env("OTEL_SERVICE_NAME", SERVICE)
              .exportingTo(receiver)
              .env("OTEL_LOGS_EXPORTER", "none");
      if (asExtension) {
        jvm.withOtelExtension("spans.call.min-duration=0", "jfr.file=" + recording);
      } else {
        jvm.jvmOption("-javaagent:" + System.getProperty("wasmlens.it.otelJavaagent"))
            .withAgent("spans.call.min-duration=0,jfr.file=" + recording);
      }
      result = jvm.run(name);
      spans = receiver.spans();
      metrics = receiver.metricNames();
    }
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("response 200 42");

    // Per HTTP server span, in start order: its children, by name and attribute names.
    List<ReceivedSpan> servers =
        spans.stream()
            .filter(s -> s.kind().equals("SPAN_KIND_SERVER"))
            .sorted(java.util.Comparator.comparingLong(ReceivedSpan::startNanos))
            .toList();
    Map<Integer, List<String>> trees = new TreeMap<>();
    Map<Integer, List<String>> requestEvents = new TreeMap<>();
    List<RecordedEvent> recorded = WasmEvents.read(recording).all;
    for (int i = 0; i < servers.size(); i++) {
      ReceivedSpan server = servers.get(i);
      trees.put(
          i,
          spans.stream()
              .filter(s -> server.spanId().equals(s.parentSpanId()))
              .map(s -> s.name() + " " + wasmAttributes(s))
              .sorted()
              .collect(Collectors.toList()));
      requestEvents.put(
          i,
          recorded.stream()
              .filter(e -> e.hasField("parentSpanId"))
              .filter(e -> server.spanId().equals(e.getString("parentSpanId")))
              .map(e -> e.getEventType().getName())
              .sorted()
              .collect(Collectors.toList()));
    }
    return new Run(result, trees, requestEvents, metrics);
  }

  /**
   * A span's attributes and their values, but for ids that differ from run to run and the thread
   * the OpenTelemetry agent adds to every span it makes.
   */
  private static Map<String, Object> wasmAttributes(ReceivedSpan span) {
    Map<String, Object> attributes = new TreeMap<>(span.attributes());
    attributes.keySet().removeIf(key -> key.startsWith("thread.") || key.endsWith(".id"));
    return attributes;
  }
}
