package dev.wasmlens.agent.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * An OTLP/HTTP receiver for tests ({@code /v1/traces}, {@code /v1/metrics}, protobuf), on loopback.
 * It can also misbehave like a broken collector: refuse every export, or accept the connection and
 * never answer. The end-to-end proof is the real Jaeger; this one keeps the fast tests fast.
 */
final class OtlpReceiver implements AutoCloseable {
  enum Behaviour {
    ACCEPT,
    REFUSE,
    NEVER_ANSWER
  }

  /** A received span, flattened. */
  record ReceivedSpan(
      String service,
      String scope,
      String name,
      String kind,
      String traceId,
      String spanId,
      String parentSpanId,
      Map<String, Object> attributes,
      boolean error,
      List<String> events,
      long startNanos,
      long endNanos) {}

  /**
   * An {@code OTEL_METRIC_EXPORT_INTERVAL} longer than any test's child JVM lives, so its metrics
   * go out once, complete, when its SDK shuts down. With a short interval a periodic export can
   * still be in flight then: the SDK skips its final export as busy and cancels the one in flight,
   * and the last interval's counts never arrive (seen on a loaded machine).
   */
  static final String METRICS_AT_EXIT_ONLY = "600000";

  private final HttpServer server;
  private final Behaviour behaviour;
  private final List<ReceivedSpan> spans = new ArrayList<>();
  private final List<String> metricNames = new ArrayList<>();

  /** Per histogram metric, the largest total count seen in one export (they are cumulative). */
  private final Map<String, Long> histogramCounts = new LinkedHashMap<>();

  private final CountDownLatch closing = new CountDownLatch(1);

  OtlpReceiver(Behaviour behaviour) throws IOException {
    this.behaviour = behaviour;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/v1/traces", this::traces);
    server.createContext("/v1/metrics", this::metrics);
    server.start();
  }

  /** The base URL to give as {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  synchronized List<ReceivedSpan> spans() {
    return List.copyOf(spans);
  }

  synchronized List<ReceivedSpan> spansNamed(String prefix) {
    return spans.stream().filter(s -> s.name().startsWith(prefix)).collect(Collectors.toList());
  }

  synchronized List<String> metricNames() {
    return List.copyOf(metricNames);
  }

  synchronized Map<String, Long> histogramCounts() {
    return Map.copyOf(histogramCounts);
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }

  private void traces(HttpExchange exchange) throws IOException {
    byte[] body = read(exchange);
    if (misbehave(exchange)) {
      return;
    }
    ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
    synchronized (this) {
      for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
        String service = attribute(resourceSpans.getResource(), "service.name");
        for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
          for (Span span : scopeSpans.getSpansList()) {
            spans.add(flatten(service, scopeSpans.getScope().getName(), span));
          }
        }
      }
    }
    respond(exchange, ExportTraceServiceResponse.getDefaultInstance().toByteArray());
  }

  private void metrics(HttpExchange exchange) throws IOException {
    byte[] body = read(exchange);
    if (misbehave(exchange)) {
      return;
    }
    ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(body);
    synchronized (this) {
      request.getResourceMetricsList().stream()
          .flatMap(r -> r.getScopeMetricsList().stream())
          .flatMap(s -> s.getMetricsList().stream())
          .forEach(
              metric -> {
                metricNames.add(metric.getName());
                if (metric.hasHistogram()) {
                  long count =
                      metric.getHistogram().getDataPointsList().stream()
                          .mapToLong(point -> point.getCount())
                          .sum();
                  histogramCounts.merge(metric.getName(), count, Math::max);
                }
              });
    }
    respond(exchange, ExportMetricsServiceResponse.getDefaultInstance().toByteArray());
  }

  /** True when the exchange was answered (or never will be) according to the behaviour. */
  private boolean misbehave(HttpExchange exchange) throws IOException {
    switch (behaviour) {
      case REFUSE:
        exchange.sendResponseHeaders(503, -1);
        exchange.close();
        return true;
      case NEVER_ANSWER:
        try {
          closing.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return true;
      default:
        return false;
    }
  }

  private static ReceivedSpan flatten(String service, String scope, Span span) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    for (KeyValue attribute : span.getAttributesList()) {
      attributes.put(attribute.getKey(), value(attribute.getValue()));
    }
    List<String> events =
        span.getEventsList().stream()
            .map(
                e ->
                    e.getName()
                        + e.getAttributesList().stream()
                            .map(a -> " " + a.getKey() + "=" + value(a.getValue()))
                            .collect(Collectors.joining()))
            .collect(Collectors.toList());
    return new ReceivedSpan(
        service,
        scope,
        span.getName(),
        span.getKind().name(),
        HexFormat.of().formatHex(span.getTraceId().toByteArray()),
        HexFormat.of().formatHex(span.getSpanId().toByteArray()),
        span.getParentSpanId().isEmpty()
            ? null
            : HexFormat.of().formatHex(span.getParentSpanId().toByteArray()),
        attributes,
        span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR,
        events,
        span.getStartTimeUnixNano(),
        span.getEndTimeUnixNano());
  }

  private static Object value(AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        return value.getStringValue();
      case INT_VALUE:
        return value.getIntValue();
      case BOOL_VALUE:
        return value.getBoolValue();
      case DOUBLE_VALUE:
        return value.getDoubleValue();
      default:
        return value.toString();
    }
  }

  private static String attribute(Resource resource, String key) {
    return resource.getAttributesList().stream()
        .filter(a -> a.getKey().equals(key))
        .map(a -> a.getValue().getStringValue())
        .findFirst()
        .orElse(null);
  }

  private static byte[] read(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return in.readAllBytes();
    }
  }

  private static void respond(HttpExchange exchange, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
