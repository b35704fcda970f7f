package dev.wasmlens.analysis.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wasmlens.analysis.Analysis;
import dev.wasmlens.analysis.attribution.AttributedOperation;
import dev.wasmlens.analysis.attribution.AttributedRequest;
import dev.wasmlens.analysis.attribution.Share;
import dev.wasmlens.analysis.read.WasmOperation;
import java.io.IOException;
import java.io.Writer;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The slow requests and operations with their causes as one OTLP/JSON trace export request ({@code
 * {"resourceSpans": [...]}}, the encoding of the OpenTelemetry protocol's JSON mapping: hex ids,
 * 64-bit integers as strings, enums as numbers), which Jaeger's UI opens (Upload) and any OTLP/HTTP
 * receiver accepts at {@code /v1/traces}.
 *
 * <p>A slow request becomes a {@code wasm request} span in its own trace (the trace id the agent
 * recorded) with a child per operation; a slow operation outside those becomes a span of its own,
 * in its recorded trace if it has one. Every span carries its main cause as {@code
 * wasmlens.cause.main} and one event per cause with the time, the strength and the evidence.
 *
 * <p>The SDK's own OTLP/JSON writer is internal API and the exporter that wraps it is not served
 * here, so the mapping is written out with Jackson, field by field as the protocol defines it.
 */
public final class OtlpJsonTraces {
  private static final String SCOPE = "dev.wasmlens.analysis";
  private static final int KIND_INTERNAL = 1;
  private static final int STATUS_ERROR = 2;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Ids of one export; seeded, so that one analysis always writes the same file. */
  private final Random ids;

  private final ArrayNode spans = NODES.arrayNode();

  private OtlpJsonTraces(Random ids) {
    this.ids = ids;
  }

  /**
   * Writes each service's slow requests and operations to {@code out}, which stays open: one
   * resource per service, named as the recordings name it.
   */
  public static void write(List<Analysis> services, Writer out) throws IOException {
    ArrayNode resourceSpans = NODES.arrayNode();
    Random ids = new Random(1);
    for (Analysis analysis : services) {
      resourceSpans.add(new OtlpJsonTraces(ids).resourceSpans(analysis));
    }
    ObjectNode document = NODES.objectNode();
    document.set("resourceSpans", resourceSpans);
    new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, document);
  }

  private ObjectNode resourceSpans(Analysis analysis) {
    Set<WasmOperation> inRequests = new HashSet<>();
    for (AttributedRequest request : analysis.requests()) {
      request(request);
      request.operations().forEach(o -> inRequests.add(o.operation()));
    }
    for (AttributedOperation operation : analysis.tail()) {
      if (!inRequests.contains(operation.operation())) {
        String traceId = operation.operation().traceId();
        operation(operation, traceId == null ? newId(16) : traceId, null);
      }
    }
    ArrayNode attributes =
        NODES
            .arrayNode()
            .add(attribute("service.name", analysis.service()))
            .add(attribute("wasmlens.recordings", String.join(", ", analysis.files())));
    if (analysis.hosts().size() == 1) {
      attributes.add(attribute("host.name", analysis.hosts().get(0)));
    }
    ObjectNode resource = NODES.objectNode();
    resource.set("attributes", attributes);
    ObjectNode scopeSpans = NODES.objectNode();
    scopeSpans.set("scope", NODES.objectNode().put("name", SCOPE));
    scopeSpans.set("spans", spans);
    ObjectNode resourceSpans = NODES.objectNode();
    resourceSpans.set("resource", resource);
    resourceSpans.set("scopeSpans", NODES.arrayNode().add(scopeSpans));
    return resourceSpans;
  }

  private void request(AttributedRequest attributed) {
    AttributedRequest.RequestSummary request = attributed.request();
    String spanId = newId(8);
    ObjectNode span =
        span(
            request.traceId(),
            spanId,
            null,
            "wasm request",
            request.startNanos(),
            request.endNanos());
    ArrayNode attributes = (ArrayNode) span.get("attributes");
    attributes.add(attribute("wasmlens.cause.main", attributed.mainCause().label()));
    attributes.add(attribute("wasmlens.wasm_time_ns", request.wasmNanos()));
    attributes.add(attribute("wasmlens.operations", request.operationCount()));
    span.set("events", events(attributed.shares(), request.startNanos()));
    spans.add(span);
    for (AttributedOperation operation : attributed.operations()) {
      operation(operation, request.traceId(), spanId);
    }
  }

  private void operation(AttributedOperation attributed, String traceId, String parentSpanId) {
    WasmOperation operation = attributed.operation();
    ObjectNode span =
        span(
            traceId,
            newId(8),
            parentSpanId,
            name(operation),
            operation.startNanos(),
            operation.endNanos());
    ArrayNode attributes = (ArrayNode) span.get("attributes");
    attributes.add(attribute("wasmlens.cause.main", attributed.mainCause().label()));
    if (operation.module() != null) {
      attributes.add(attribute("wasm.module.name", operation.module()));
    }
    if (operation.outcome() != null) {
      attributes.add(attribute("wasm.outcome", operation.outcome()));
    }
    if (operation.threadName() != null) {
      attributes.add(attribute("thread.name", operation.threadName()));
    }
    attributes.add(attribute("thread.id", operation.threadId()));
    if (operation.cpuNanos() >= 0) {
      attributes.add(attribute("wasmlens.cpu_time_ns", operation.cpuNanos()));
    }
    if (operation.outcome() != null && !operation.outcome().equals("ok")) {
      span.set(
          "status",
          NODES.objectNode().put("code", STATUS_ERROR).put("message", operation.outcome()));
    }
    span.set("events", events(attributed.shares(), operation.startNanos()));
    spans.add(span);
  }

  /** The span name the agent gives the same phase. */
  private static String name(WasmOperation operation) {
    switch (operation.phase()) {
      case CALL:
        return operation.name() == null ? "wasm call" : "wasm call " + operation.name();
      case HOST_CALL:
        return operation.name() == null ? "wasm host" : "wasm host " + operation.name();
      default:
        return "wasm " + operation.phase().label();
    }
  }

  private static ObjectNode span(
      String traceId, String spanId, String parentSpanId, String name, long start, long end) {
    ObjectNode span = NODES.objectNode();
    span.put("traceId", traceId);
    span.put("spanId", spanId);
    if (parentSpanId != null) {
      span.put("parentSpanId", parentSpanId);
    }
    span.put("name", name);
    span.put("kind", KIND_INTERNAL);
    span.put("startTimeUnixNano", Long.toString(start));
    span.put("endTimeUnixNano", Long.toString(end));
    span.set("attributes", NODES.arrayNode());
    return span;
  }

  /** One event per cause, at the start of the span (a share is an amount, not an interval). */
  private static ArrayNode events(List<Share> shares, long at) {
    ArrayNode events = NODES.arrayNode();
    for (Share share : shares) {
      ObjectNode event = NODES.objectNode();
      event.put("timeUnixNano", Long.toString(at));
      event.put("name", share.cause().label());
      event.set(
          "attributes",
          NODES
              .arrayNode()
              .add(attribute("wasmlens.cause.time_ns", share.nanos()))
              .add(attribute("wasmlens.cause.time", Durations.format(share.nanos())))
              .add(
                  attribute(
                      "wasmlens.cause.strength",
                      share.strength().name().toLowerCase(java.util.Locale.ROOT)))
              .add(attribute("wasmlens.cause.evidence", share.evidence())));
      events.add(event);
    }
    return events;
  }

  private static ObjectNode attribute(String key, String value) {
    ObjectNode attribute = NODES.objectNode().put("key", key);
    attribute.set("value", NODES.objectNode().put("stringValue", value));
    return attribute;
  }

  private static ObjectNode attribute(String key, long value) {
    ObjectNode attribute = NODES.objectNode().put("key", key);
    attribute.set("value", NODES.objectNode().put("intValue", Long.toString(value)));
    return attribute;
  }

  private String newId(int bytes) {
    byte[] id = new byte[bytes];
    do {
      ids.nextBytes(id);
    } while (isZero(id));
    return HexFormat.of().formatHex(id);
  }

  private static boolean isZero(byte[] id) {
    for (byte b : id) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
