package dev.wasmlens.otel;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Decides whether WasmLens exports anything, and with which defaults. Settings are read the
 * OpenTelemetry way: system property {@code otel.x.y} or environment variable {@code OTEL_X_Y}; the
 * agent's own arguments come first.
 *
 * <p>Export is on when an exporter or an OTLP endpoint is configured, or {@code
 * wasmlens.otel.enabled=true}. Without an OTLP endpoint the trace and metric exporters default to
 * {@code none} rather than the SDK's {@code otlp} on localhost: nothing is sent anywhere the user
 * did not name.
 */
public final class TelemetrySettings {
  static final String ENABLED = "wasmlens.telemetry.enabled";
  static final String CALL_MIN_DURATION = "wasmlens.spans.call.min-duration";
  static final String HOST_CALL_MIN_DURATION = "wasmlens.spans.host-call.min-duration";

  /**
   * Calls and host calls shorter than this get no span by default. A span costs about 1 µs, a
   * trivial call about 10-20 µs: below 100 µs a span would add more than 1% to the call and flood
   * the backend with hot loops. Every call still lands in JFR and in the {@code wasm.call.duration}
   * histogram.
   */
  public static final Duration DEFAULT_MIN_DURATION = Duration.ofNanos(100_000);

  private static final List<String> EXPORT_KEYS =
      List.of(
          "otel.traces.exporter",
          "otel.metrics.exporter",
          "otel.exporter.otlp.endpoint",
          "otel.exporter.otlp.traces.endpoint",
          "otel.exporter.otlp.metrics.endpoint");
  private static final List<String> ENDPOINT_KEYS = EXPORT_KEYS.subList(2, EXPORT_KEYS.size());

  private final Function<String, String> lookup;
  private final Map<String, String> agentArguments;

  private TelemetrySettings(Function<String, String> lookup, Map<String, String> agentArguments) {
    this.lookup = lookup;
    this.agentArguments = agentArguments;
  }

  /**
   * @param agentArguments settings given to the agent, by full property name; they win
   * @param systemProperties the JVM's system properties
   * @param environment the process environment
   */
  public static TelemetrySettings read(
      Map<String, String> agentArguments,
      Map<String, String> systemProperties,
      Map<String, String> environment) {
    return new TelemetrySettings(
        name -> {
          String value = agentArguments.get(name);
          if (value == null) {
            value = systemProperties.get(name);
          }
          if (value == null) {
            value =
                environment.get(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
          }
          return value == null || value.isBlank() ? null : value.trim();
        },
        agentArguments);
  }

  /** True when the user asked for spans or metrics to go somewhere. */
  public boolean exportRequested() {
    if ("true".equalsIgnoreCase(lookup.apply("otel.sdk.disabled"))) {
      return false;
    }
    String enabled = lookup.apply(ENABLED);
    if (enabled != null) {
      return Boolean.parseBoolean(enabled);
    }
    return EXPORT_KEYS.stream().anyMatch(key -> lookup.apply(key) != null);
  }

  /**
   * True when spans and metrics are turned off ({@code wasmlens.telemetry.enabled=false}): inside
   * the OpenTelemetry Java agent, which exports as its own settings say, the only switch.
   */
  public boolean turnedOff() {
    return "false".equalsIgnoreCase(lookup.apply(ENABLED));
  }

  /** Defaults handed to the SDK's autoconfiguration, below everything the user set. */
  Map<String, String> sdkDefaults() {
    Map<String, String> defaults = new HashMap<>();
    defaults.put("otel.logs.exporter", "none");
    // As the OpenTelemetry Java agent since 2.0; the SDK's own default is grpc.
    defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
    if (ENDPOINT_KEYS.stream().allMatch(key -> lookup.apply(key) == null)) {
      defaults.put("otel.traces.exporter", "none");
      defaults.put("otel.metrics.exporter", "none");
    }
    return defaults;
  }

  /**
   * OpenTelemetry settings given as agent arguments: they win over system properties and
   * environment.
   */
  Map<String, String> sdkOverrides() {
    Map<String, String> overrides = new HashMap<>();
    agentArguments.forEach(
        (name, value) -> {
          if (name.startsWith("otel.")) {
            overrides.put(name, value);
          }
        });
    return overrides;
  }

  long callMinNanos() {
    return durationNanos(CALL_MIN_DURATION);
  }

  long hostCallMinNanos() {
    return durationNanos(HOST_CALL_MIN_DURATION);
  }

  private long durationNanos(String name) {
    String value = lookup.apply(name);
    return value == null
        ? DEFAULT_MIN_DURATION.toNanos()
        : DurationParser.parse(name, value).toNanos();
  }
}
