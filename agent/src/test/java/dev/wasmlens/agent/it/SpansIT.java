package dev.wasmlens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlens.agent.it.OtlpReceiver.ReceivedSpan;
import dev.wasmlens.agent.it.app.HttpWasmApp;
import dev.wasmlens.agent.it.app.TracedRequestApp;
import dev.wasmlens.agent.it.app.WasmScenario;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** Spans and metrics in OTLP, nested under the application's own spans when it has any. */
class SpansIT {
  private static final String SERVICE = "wasm-scenario";

  @Test
  void everyPhaseBecomesASpanWithItsAttributesAndEveryMetricIsExported() throws Exception {
    Path recording = ChildJvm.recordingFile("spans");
    ChildJvm.Result result;
    List<ReceivedSpan> spans;
    List<String> metrics;
    Map<String, Long> histogramCounts;
    try (OtlpReceiver receiver = new OtlpReceiver(OtlpReceiver.Behaviour.ACCEPT)) {
      result =
          scenario(receiver)
              .withAgent(
                  "jfr.file="
                      + recording
                      + ",spans.call.min-duration=0,spans.host-call.min-duration=0")
              .run("spans");
      spans = receiver.spansNamed("wasm ");
      metrics = receiver.metricNames();
      histogramCounts = receiver.histogramCounts();
    }
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.suppressedFailures()).isZero();
    assertThat(result.stderr())
        .contains("[wasmlens] spans: 155 sampled and ended, 155 exported, 0 failed");

    Map<String, Long> byName = countBy(spans, s -> s.name().replaceAll("^(wasm \\w+).*", "$1"));
    assertThat(byName).isEqualTo(WasmScenario.PHASES);
    assertThat(spans).allSatisfy(s -> assertThat(s.service()).isEqualTo(SERVICE));
    assertThat(spans).allSatisfy(s -> assertThat(s.scope()).isEqualTo("dev.wasmlens"));
    assertThat(spans).allSatisfy(s -> assertThat(s.kind()).isEqualTo("SPAN_KIND_INTERNAL"));

    ReceivedSpan trap = only(spans, "wasm call unreachable");
    assertThat(trap.error()).isTrue();
    assertThat(trap.attributes())
        .containsEntry("wasm.export", "unreachable")
        .containsEntry("wasm.module.name", "faults.wasm")
        .containsEntry("wasm.outcome", "trap")
        .containsEntry("faas.coldstart", true)
        .containsKeys("wasmtime.store.id", "wasmtime.instance.id");
    assertThat(trap.events())
        .containsExactly(
            "exception exception.message=wasm trap: UNREACHABLE_CODE_REACHED"
                + " exception.type=io.github.kawamuray.wasmtime.WasmFunctionError$TrapError");
    assertThat(only(spans, "wasm call spin").attributes())
        .containsEntry("wasm.outcome", "interrupt");
    assertThat(only(spans, "wasm call _start").attributes()).containsEntry("wasm.outcome", "exit");
    assertThat(spans.stream().filter(s -> s.name().equals("wasm call add")))
        .allSatisfy(s -> assertThat(s.error()).isFalse());

    ReceivedSpan compile =
        spans.stream().filter(s -> s.name().equals("wasm compile")).findFirst().get();
    assertThat(compile.attributes())
        .containsEntry("wasm.module.size", 41L)
        .containsKeys("wasm.module.name", "wasm.module.sha256", "wasmtime.engine.id");
    assertThat(
            spans.stream()
                .filter(s -> s.name().equals("wasm teardown"))
                .map(s -> s.attributes().get("wasmtime.object.kind"))
                .collect(Collectors.toSet()))
        .isEqualTo(Set.of("Instance", "Store", "Module", "Engine", "Linker", "Func"));

    // Without an application span, calls are roots; host calls are children of their call.
    List<ReceivedSpan> hostCalls =
        spans.stream().filter(s -> s.name().startsWith("wasm host")).toList();
    assertThat(hostCalls).extracting(ReceivedSpan::name).containsOnly("wasm host env.double");
    Map<String, ReceivedSpan> byId =
        spans.stream().collect(Collectors.toMap(ReceivedSpan::spanId, s -> s));
    for (ReceivedSpan host : hostCalls) {
      ReceivedSpan call = byId.get(host.parentSpanId());
      assertThat(call).as("the call span of %s", host).isNotNull();
      assertThat(call.name()).isEqualTo("wasm call double_plus_one");
      assertThat(call.traceId()).isEqualTo(host.traceId());
      assertThat(host.startNanos()).isGreaterThanOrEqualTo(call.startNanos());
      assertThat(host.endNanos()).isLessThanOrEqualTo(call.endNanos());
    }
    assertThat(hostCalls.stream().filter(ReceivedSpan::error)).hasSize(1);
    assertThat(spans.stream().filter(s -> !s.name().startsWith("wasm host")))
        .allSatisfy(s -> assertThat(s.parentSpanId()).isNull());

    // The JFR call events name the spans they became.
    Set<String> callSpanIds =
        spans.stream()
            .filter(s -> s.name().startsWith("wasm call"))
            .map(ReceivedSpan::spanId)
            .collect(Collectors.toSet());
    List<RecordedEvent> calls = WasmEvents.read(recording).named(WasmEvents.CALL);
    assertThat(calls).hasSize(109);
    assertThat(calls.stream().map(e -> e.getString("spanId")).collect(Collectors.toSet()))
        .isEqualTo(callSpanIds);

    assertThat(metrics)
        .contains(
            "wasm.compile.duration",
            "wasm.instantiate.duration",
            "wasm.call.duration",
            "wasm.teardown.duration",
            "wasmtime.live");
    // Every phase is in its histogram, span or not.
    assertThat(histogramCounts)
        .containsEntry("wasm.compile.duration", WasmScenario.PHASES.get("wasm compile"))
        .containsEntry("wasm.instantiate.duration", WasmScenario.PHASES.get("wasm instantiate"))
        .containsEntry("wasm.call.duration", WasmScenario.PHASES.get("wasm call"))
        .containsEntry("wasm.teardown.duration", WasmScenario.PHASES.get("wasm teardown"));
  }

  @Test
  void byDefaultOnlyFailedCallsAndCallsOfAtLeast100MicrosecondsBecomeSpansWhileJfrKeepsThemAll()
      throws Exception {
    Path recording = ChildJvm.recordingFile("spans-default");
    List<ReceivedSpan> spans;
    ChildJvm.Result result;
    try (OtlpReceiver receiver = new OtlpReceiver(OtlpReceiver.Behaviour.ACCEPT)) {
      result = scenario(receiver).withAgent("jfr.file=" + recording).run("spans-default");
      spans = receiver.spansNamed("wasm ");
    }
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    List<ReceivedSpan> calls =
        spans.stream().filter(s -> s.name().startsWith("wasm call")).toList();
    assertThat(calls)
        .allSatisfy(
            s ->
                assertThat(s.error() || s.endNanos() - s.startNanos() >= 100_000)
                    .as("%s failed or took 100 us", s)
                    .isTrue());
    List<RecordedEvent> recorded = WasmEvents.read(recording).named(WasmEvents.CALL);
    assertThat(recorded).hasSize(109);
    // Every failed call is a span, fast or not (the scenario's mostly are fast).
    assertThat(calls.stream().filter(ReceivedSpan::error).map(ReceivedSpan::name))
        .containsExactlyInAnyOrderElementsOf(
            recorded.stream()
                .filter(e -> !"ok".equals(e.getString("outcome")))
                .map(e -> "wasm call " + e.getString("export"))
                .toList());
    // The threshold filters, and only calls: with it at 0 every call is a span (the test above).
    assertThat(calls).isNotEmpty().hasSizeLessThan(109);
    assertThat(countBy(spans, ReceivedSpan::name))
        .containsEntry("wasm compile", WasmScenario.PHASES.get("wasm compile"))
        .containsEntry("wasm teardown", 26L);
  }

  @Test
  void wasmSpansAreChildrenOfTheApplicationsOwnSpanFromItsOwnOpenTelemetryVersion()
      throws Exception {
    String classpath = ChildJvm.APP_CLASSPATH + File.pathSeparator + foreignOpenTelemetry();
    List<ReceivedSpan> spans;
    ChildJvm.Result result;
    try (OtlpReceiver receiver = new OtlpReceiver(OtlpReceiver.Behaviour.ACCEPT)) {
      result =
          ChildJvm.app(TracedRequestApp.class.getName(), ChildJvm.WASM_DIR.toString())
              .classpath(classpath)
              .env("OTEL_SERVICE_NAME", SERVICE)
              .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
              .env("OTEL_METRICS_EXPORTER", "none")
              .withAgent("spans.call.min-duration=0")
              .run("traced-request");
      spans = receiver.spansNamed("wasm ");
    }
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("sum 42");
    String traceId = line(result.stdout(), "request trace ");
    String spanId = line(result.stdout(), "request span ");
    // Inside the request: instantiate, call and the teardowns of instance and store
    // (try-with-resources).
    List<ReceivedSpan> inside = spans.stream().filter(s -> traceId.equals(s.traceId())).toList();
    assertThat(inside)
        .extracting(ReceivedSpan::name)
        .contains("wasm compile", "wasm instantiate", "wasm call add", "wasm teardown");
    assertThat(inside).allSatisfy(s -> assertThat(s.parentSpanId()).isEqualTo(spanId));
  }

  @Test
  void underTheOpenTelemetryJavaAgentWasmSpansNestUnderTheHttpServerSpan() throws Exception {
    Path recording = ChildJvm.recordingFile("otel-javaagent");
    List<ReceivedSpan> spans;
    ChildJvm.Result result;
    try (OtlpReceiver receiver = new OtlpReceiver(OtlpReceiver.Behaviour.ACCEPT)) {
      result =
          ChildJvm.app(HttpWasmApp.class.getName(), ChildJvm.WASM_DIR.toString(), "3")
              .env("OTEL_SERVICE_NAME", SERVICE)
              .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
              .env("OTEL_METRICS_EXPORTER", "none")
              .env("OTEL_LOGS_EXPORTER", "none")
              .jvmOption("-javaagent:" + System.getProperty("wasmlens.it.otelJavaagent"))
              .withAgent("spans.call.min-duration=0,jfr.file=" + recording)
              .run("otel-javaagent");
      spans = receiver.spans();
    }
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("response 200 42");
    assertThat(result.suppressedFailures()).isZero();
    List<ReceivedSpan> servers =
        spans.stream().filter(s -> s.kind().equals("SPAN_KIND_SERVER")).toList();
    assertThat(servers).hasSize(3);
    for (ReceivedSpan server : servers) {
      List<ReceivedSpan> children =
          spans.stream().filter(s -> server.spanId().equals(s.parentSpanId())).toList();
      assertThat(children)
          .extracting(ReceivedSpan::name)
          .containsExactlyInAnyOrder(
              "wasm instantiate", "wasm call add", "wasm teardown", "wasm teardown");
      assertThat(children).allSatisfy(s -> assertThat(s.traceId()).isEqualTo(server.traceId()));
    }
    // Every phase of a request, store creation included, carries its trace in the recording, so
    // that the analyzer can group a request's operations.
    for (ReceivedSpan server : servers) {
      List<RecordedEvent> request =
          RecordingFile.readAllEvents(recording).stream()
              .filter(e -> e.hasField("traceId"))
              .filter(e -> server.traceId().equals(e.getString("traceId")))
              .toList();
      assertThat(request)
          .extracting(e -> e.getEventType().getName())
          .containsExactlyInAnyOrder(
              "wasmlens.StoreCreate",
              "wasmlens.Instantiate",
              "wasmlens.Call",
              "wasmlens.Teardown",
              "wasmlens.Teardown");
      assertThat(request)
          .allSatisfy(e -> assertThat(e.getString("parentSpanId")).isEqualTo(server.spanId()));
    }
  }

  private static ChildJvm scenario(OtlpReceiver receiver) {
    return ChildJvm.app(WasmScenario.class.getName(), ChildJvm.WASM_DIR.toString())
        .env("OTEL_SERVICE_NAME", SERVICE)
        .exportingTo(receiver);
  }

  static ReceivedSpan only(List<ReceivedSpan> spans, String name) {
    List<ReceivedSpan> named = spans.stream().filter(s -> s.name().equals(name)).toList();
    assertThat(named).as("spans named %s", name).hasSize(1);
    return named.get(0);
  }

  private static <T> Map<T, Long> countBy(List<ReceivedSpan> spans, Function<ReceivedSpan, T> key) {
    return spans.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
  }

  private static String line(String stdout, String prefix) {
    return stdout
        .lines()
        .filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(prefix + " missing from " + stdout));
  }

  /**
   * The application's own OpenTelemetry (an older version than the agent's), without our other
   * foreign jars.
   */
  private static String foreignOpenTelemetry() throws Exception {
    try (Stream<Path> jars = Files.list(Paths.get(System.getProperty("wasmlens.it.foreignLibs")))) {
      return jars.filter(p -> p.getFileName().toString().startsWith("opentelemetry-"))
          .map(Path::toString)
          .sorted()
          .collect(Collectors.joining(File.pathSeparator));
    }
  }
}
