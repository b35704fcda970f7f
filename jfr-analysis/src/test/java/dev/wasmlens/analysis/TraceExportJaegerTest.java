package dev.wasmlens.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wasmlens.otel.testing.JaegerServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The analyzer's trace export, read by a real Jaeger: the file is posted as it is to Jaeger's
 * OTLP/HTTP receiver and the traces are read back through Jaeger's query API, as its UI shows them.
 */
class TraceExportJaegerTest {
  @Test
  void slowRequestsAndTheirCausesOpenInJaeger() throws Exception {
    Path work = Files.createDirectories(Paths.get(System.getProperty("wasmlens.workDir")));
    // 40 calls in 20 requests; calls 9, 19, 29, 39 sleep 20 ms in their host function, so requests
    // 4, 9, 14 and 19 take more than 1 ms (and, on a busy machine, now and then another).
    Path recording = SyntheticRecording.write(work.resolve("traced.jfr"), 40);
    Path traces = work.resolve("traced.otlp.json");
    Files.deleteIfExists(traces);
    assertThat(
            AnalyzeCommand.run(
                "--threshold-ms", "1", "--traces", traces.toString(), recording.toString()))
        .isZero();

    try (JaegerServer jaeger = JaegerServer.start(work)) {
      jaeger.postOtlpJson(Files.readString(traces));
      String slowRequest = SyntheticRecording.traceId(19);
      JsonNode trace = await(jaeger, slowRequest);
      List<String> names = new ArrayList<>();
      JsonNode request = null;
      for (JsonNode span : trace.get("spans")) {
        names.add(span.get("operationName").asText());
        if (span.get("operationName").asText().equals("wasm request")) {
          request = span;
        }
      }
      assertThat(names)
          .containsExactlyInAnyOrder("wasm request", "wasm call fast", "wasm call slow");
      assertThat(request).isNotNull();
      assertThat(tag(request, "wasmlens.cause.main")).isEqualTo("host functions");
      assertThat(tag(request, "service.name")).isNull();
      assertThat(trace.get("processes").elements().next().get("serviceName").asText())
          .isEqualTo(SyntheticRecording.SERVICE);
      // Each cause is a log on the span, with its time, strength and evidence.
      JsonNode hostLog =
          StreamSupport.stream(request.get("logs").spliterator(), false)
              .filter(l -> "host functions".equals(field(l, "event")))
              .findFirst()
              .orElseThrow();
      assertThat(field(hostLog, "wasmlens.cause.strength")).isEqualTo("strong");
      assertThat(field(hostLog, "wasmlens.cause.evidence")).contains("hostTime");
      // The operations are children of the request span.
      String requestId = request.get("spanID").asText();
      for (JsonNode span : trace.get("spans")) {
        if (span != request) {
          assertThat(span.get("references").get(0).get("spanID").asText()).isEqualTo(requestId);
        }
      }
    }
  }

  private static JsonNode await(JaegerServer jaeger, String traceId) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      JsonNode found = jaeger.trace(traceId);
      if (found != null && found.get("data").size() > 0) {
        return found.get("data").get(0);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Jaeger never showed trace " + traceId);
  }

  private static String tag(JsonNode span, String key) {
    for (JsonNode tag : span.get("tags")) {
      if (tag.get("key").asText().equals(key)) {
        return tag.get("value").asText();
      }
    }
    return null;
  }

  private static String field(JsonNode log, String key) {
    for (JsonNode field : log.get("fields")) {
      if (field.get("key").asText().equals(key)) {
        return field.get("value").asText();
      }
    }
    return null;
  }
}
