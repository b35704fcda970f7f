package dev.wasmlens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wasmlens.agent.it.app.HttpWasmApp;
import dev.wasmlens.agent.it.app.WasmScenario;
import dev.wasmlens.otel.testing.JaegerServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole path against a real Jaeger: a child JVM with the agent exports over OTLP (gRPC, and
 * HTTP next to the OpenTelemetry Java agent), and the test reads the traces back through Jaeger's
 * query API as its UI would.
 */
class JaegerEndToEndIT {
  private static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(30);
  private static JaegerServer jaeger;

  @BeforeAll
  static void startJaeger() throws Exception {
    jaeger = JaegerServer.start(ChildJvm.WORK_DIR);
  }

  @AfterAll
  static void stopJaeger() throws Exception {
    if (jaeger != null) {
      jaeger.close();
    }
  }

  @Test
  void everyWasmSpanArrivesOverGrpcWithTagsErrorsAndParents() throws Exception {
    String service = "wasmlens-e2e-grpc";
    ChildJvm.Result result =
        ChildJvm.app(WasmScenario.class.getName(), ChildJvm.WASM_DIR.toString())
            .env("OTEL_SERVICE_NAME", service)
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", jaeger.otlpGrpcEndpoint())
            .env("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
            .env("OTEL_METRICS_EXPORTER", "none")
            .withAgent("spans.call.min-duration=0,spans.host-call.min-duration=0")
            .run("jaeger-grpc");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stderr()).contains("155 sampled and ended, 155 exported, 0 failed");

    Map<String, List<String>> traceIdsBySpanName = awaitSpans(service, 155);
    assertThat(jaeger.services().get("services").toString()).contains(service);
    Map<String, Long> counts = new HashMap<>();
    traceIdsBySpanName.forEach(
        (name, ids) ->
            counts.merge(name.replaceAll("^(wasm \\w+).*", "$1"), (long) ids.size(), Long::sum));
    assertThat(counts).isEqualTo(WasmScenario.PHASES);

    // A trapping call, as the Jaeger UI shows it: red (error=true), with its tags and the exception
    // log.
    JsonNode trap =
        jaegerSpan(traceIdsBySpanName.get("wasm call unreachable").get(0), "wasm call unreachable");
    Map<String, String> tags = tags(trap);
    assertThat(tags)
        .containsEntry("error", "true")
        .containsEntry("otel.status_code", "ERROR")
        .containsEntry("wasm.export", "unreachable")
        .containsEntry("wasm.module.name", "faults.wasm")
        .containsEntry("wasm.outcome", "trap")
        .containsEntry("faas.coldstart", "true")
        .containsEntry("span.kind", "internal")
        .containsEntry("otel.scope.name", "dev.wasmlens")
        .containsKeys("wasmtime.store.id", "wasmtime.instance.id");
    assertThat(trap.get("logs").toString())
        .contains("exception")
        .contains("UNREACHABLE_CODE_REACHED");
    assertThat(tags(jaegerSpan(traceIdsBySpanName.get("wasm call add").get(0), "wasm call add")))
        .doesNotContainKey("error");

    // Host calls hang under their call.
    for (String traceId : traceIdsBySpanName.get("wasm host env.double")) {
      JsonNode trace = jaeger.trace(traceId).get("data").get(0);
      JsonNode host = spanNamed(trace, "wasm host env.double");
      JsonNode call = spanNamed(trace, "wasm call double_plus_one");
      assertThat(parentOf(host)).isEqualTo(call.get("spanID").asText());
      assertThat(parentOf(call)).isNull();
      assertThat(trace.get("processes").toString()).contains(service);
    }
  }

  @Test
  void withTheOpenTelemetryJavaAgentWasmSpansHangUnderTheHttpServerSpanOverHttp() throws Exception {
    String service = "wasmlens-e2e-http";
    assertWasmSpansUnderHttpServerSpans(
        service,
        httpApp(service)
            .jvmOption("-javaagent:" + System.getProperty("wasmlens.it.otelJavaagent"))
            .withAgent("spans.call.min-duration=0")
            .run("jaeger-otel-javaagent"));
  }

  @Test
  void asAnExtensionOfTheOpenTelemetryJavaAgentWasmSpansHangUnderTheHttpServerSpan()
      throws Exception {
    String service = "wasmlens-e2e-extension";
    ChildJvm.Result result =
        httpApp(service)
            .withOtelExtension("spans.call.min-duration=0")
            .run("jaeger-otel-extension");
    assertThat(result.stderr()).contains("spans and metrics through the OpenTelemetry Java agent");
    assertWasmSpansUnderHttpServerSpans(service, result);
  }

  /** The HTTP app sending 3 requests, exporting over OTLP/HTTP to Jaeger as {@code service}. */
  private static ChildJvm httpApp(String service) {
    return ChildJvm.app(HttpWasmApp.class.getName(), ChildJvm.WASM_DIR.toString(), "3")
        .env("OTEL_SERVICE_NAME", service)
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", jaeger.otlpHttpEndpoint())
        .env("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
        .env("OTEL_METRICS_EXPORTER", "none")
        .env("OTEL_LOGS_EXPORTER", "none");
  }

  /** Each of the 3 requests' traces in Jaeger: the wasm spans are children of the server span. */
  @Test
  void everyFailedCallAndHostCallIsAnErrorSpanWhateverTheThreshold() throws Exception {
    // A threshold above every call: only the failures are call and host call spans, and each is.
    String service = "wasmlens-e2e-errors";
    Path recording = ChildJvm.recordingFile("jaeger-errors");
    ChildJvm.Result result =
        ChildJvm.app(WasmScenario.class.getName(), ChildJvm.WASM_DIR.toString())
            .env("OTEL_SERVICE_NAME", service)
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", jaeger.otlpHttpEndpoint())
            .env("OTEL_METRICS_EXPORTER", "none")
            .withAgent(
                "jfr.file="
                    + recording
                    + ",spans.call.min-duration=10s,spans.host-call.min-duration=10s")
            .run("jaeger-errors");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    WasmEvents events = WasmEvents.read(recording);
    Map<String, Long> failed = new HashMap<>();
    for (RecordedEvent call : events.named(WasmEvents.CALL)) {
      if (!"ok".equals(call.getString("outcome"))) {
        failed.merge("wasm call " + call.getString("export"), 1L, Long::sum);
      }
    }
    for (RecordedEvent hostCall : events.named(WasmEvents.HOST_CALL)) {
      if (!"ok".equals(hostCall.getString("outcome"))) {
        failed.merge("wasm host " + hostCall.getString("importName"), 1L, Long::sum);
      }
    }
    assertThat(failed).containsKeys("wasm call unreachable", "wasm host env.double");

    int phaseSpans =
        (int)
            (WasmScenario.PHASES.get("wasm compile")
                + WasmScenario.PHASES.get("wasm instantiate")
                + WasmScenario.PHASES.get("wasm teardown"));
    Map<String, List<String>> traceIdsBySpanName =
        awaitSpans(service, phaseSpans + failed.values().stream().mapToInt(Long::intValue).sum());
    Map<String, Long> errorSpans = new HashMap<>();
    traceIdsBySpanName.forEach(
        (name, traceIds) -> {
          if (name.startsWith("wasm call") || name.startsWith("wasm host")) {
            for (String traceId : traceIds) {
              assertThat(tagsOf(traceId, name)).as(name).containsEntry("error", "true");
              errorSpans.merge(name, 1L, Long::sum);
            }
          }
        });
    assertThat(errorSpans).isEqualTo(failed);
  }

  private static Map<String, String> tagsOf(String traceId, String name) {
    try {
      return tags(jaegerSpan(traceId, name));
    } catch (Exception e) {
      throw new AssertionError("span " + name + " of trace " + traceId, e);
    }
  }

  private static void assertWasmSpansUnderHttpServerSpans(String service, ChildJvm.Result result)
      throws Exception {
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("response 200 42");

    Map<String, List<String>> traceIdsBySpanName = awaitSpans(service, 0);
    List<String> requestTraces = traceIdsBySpanName.getOrDefault("wasm call add", List.of());
    assertThat(requestTraces).hasSize(3);
    for (String traceId : requestTraces) {
      JsonNode trace = awaitTrace(traceId, "wasm call add", "wasm instantiate");
      Optional<JsonNode> server = serverSpan(trace);
      assertThat(server).as("the HTTP server span of trace %s", traceId).isPresent();
      String serverId = server.get().get("spanID").asText();
      for (String name : List.of("wasm instantiate", "wasm call add")) {
        assertThat(parentOf(spanNamed(trace, name))).as(name).isEqualTo(serverId);
      }
    }
  }

  /**
   * Waits until Jaeger holds at least {@code expected} spans of the service; returns trace ids by
   * span name.
   */
  private static Map<String, List<String>> awaitSpans(String service, int expected)
      throws Exception {
    Instant deadline = Instant.now().plus(ARRIVAL_TIMEOUT);
    Map<String, List<String>> byName = Map.of();
    while (Instant.now().isBefore(deadline)) {
      JsonNode traces = jaeger.traces(service);
      byName = traces == null ? Map.of() : traceIdsBySpanName(traces);
      int total = byName.values().stream().mapToInt(List::size).sum();
      if (total >= Math.max(expected, 1)
          && (expected > 0
              || byName.containsKey("wasm call add") && byName.get("wasm call add").size() >= 3)) {
        return byName;
      }
      Thread.sleep(500);
    }
    return byName;
  }

  private static Map<String, List<String>> traceIdsBySpanName(JsonNode traces) {
    Map<String, List<String>> byName = new HashMap<>();
    for (JsonNode resourceSpans : traces.get("result").get("resourceSpans")) {
      for (JsonNode scopeSpans : resourceSpans.get("scopeSpans")) {
        for (JsonNode span : scopeSpans.get("spans")) {
          byName
              .computeIfAbsent(span.get("name").asText(), n -> new ArrayList<>())
              .add(span.get("traceId").asText());
        }
      }
    }
    return byName;
  }

  /**
   * The trace once it holds the spans {@code names} and the HTTP server span: they come from
   * different exports, so Jaeger may store one before the other.
   */
  private static JsonNode awaitTrace(String traceId, String... names) throws Exception {
    Instant deadline = Instant.now().plus(ARRIVAL_TIMEOUT);
    JsonNode trace = null;
    while (Instant.now().isBefore(deadline)) {
      JsonNode found = jaeger.trace(traceId);
      trace = found == null ? null : found.get("data").get(0);
      if (trace != null && hasSpans(trace, names) && serverSpan(trace).isPresent()) {
        return trace;
      }
      Thread.sleep(500);
    }
    return trace;
  }

  private static Optional<JsonNode> serverSpan(JsonNode trace) {
    for (JsonNode span : trace.get("spans")) {
      if ("server".equals(tags(span).get("span.kind"))) {
        return Optional.of(span);
      }
    }
    return Optional.empty();
  }

  private static boolean hasSpans(JsonNode trace, String... names) {
    for (String name : names) {
      if (findSpan(trace, name).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode jaegerSpan(String traceId, String name) throws Exception {
    return spanNamed(jaeger.trace(traceId).get("data").get(0), name);
  }

  private static JsonNode spanNamed(JsonNode trace, String name) {
    return findSpan(trace, name)
        .orElseThrow(() -> new AssertionError(name + " missing from " + trace));
  }

  private static Optional<JsonNode> findSpan(JsonNode trace, String name) {
    for (JsonNode span : trace.get("spans")) {
      if (span.get("operationName").asText().equals(name)) {
        return Optional.of(span);
      }
    }
    return Optional.empty();
  }

  private static String parentOf(JsonNode span) {
    for (JsonNode reference : span.get("references")) {
      if (reference.get("refType").asText().equals("CHILD_OF")) {
        return reference.get("spanID").asText();
      }
    }
    return null;
  }

  private static Map<String, String> tags(JsonNode span) {
    Map<String, String> tags = new HashMap<>();
    for (JsonNode tag : span.get("tags")) {
      tags.put(tag.get("key").asText(), tag.get("value").asText());
    }
    return tags.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
