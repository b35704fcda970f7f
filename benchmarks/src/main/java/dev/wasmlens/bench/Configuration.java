package dev.wasmlens.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A way to run the JVM under test: without the agent, or with it in one of its modes. Each names
 * the JVM options it adds.
 */
enum Configuration {
  /** No agent: the baseline every ratio is taken against. */
  BARE("no agent"),
  /**
   * No agent, but a JFR recording with the agent's settings ({@link #AGENT_SETTINGS} in the work
   * folder): what JFR itself costs the JVM, apart from the agent.
   */
  JFR_ALONE("JFR alone, the agent's settings, no agent"),
  /** The agent attached with nothing to record for: no recording, no telemetry. */
  IDLE("agent, nothing recording"),
  /** The agent recording JFR events only, at its default settings. */
  JFR("agent, JFR recording"),
  /**
   * The agent with a recording of its settings but no {@code wasmlens.Call} events: calls counted
   * only in the call histograms, the path issue 13 makes the default. Its baseline is {@link
   * #JFR_ALONE}, the same settings without the agent.
   */
  JFR_HISTOGRAMS_ONLY("agent, JFR recording, calls in histograms only"),
  /**
   * A diagnosis recording: calls read the thread's CPU clock and run-queue wait too, and the thread
   * sampler runs.
   */
  JFR_CPU_TIME_ALL("agent, JFR recording, cpu-time=all"),
  /** The same without the thread sampler: what the per-phase readings cost on their own. */
  JFR_CPU_TIME_ALL_NO_SAMPLER("agent, JFR recording, cpu-time=all, sampler off"),
  /** The agent making spans (default threshold: calls of 100 us or more) exported to none. */
  SPANS_NONE("agent, spans to none"),
  /** The same, exported over OTLP/HTTP to a live endpoint. */
  SPANS_OTLP("agent, spans to OTLP"),
  /** A span on every call (threshold 0), exported over OTLP/HTTP. */
  SPAN_EVERY_CALL("agent, a span on every call, OTLP"),
  /** The official OpenTelemetry Java agent alone, for the start-up comparison. */
  OTEL_JAVAAGENT("OpenTelemetry Java agent"),
  /** The same with WasmLens as its extension, recording JFR events at the default settings. */
  OTEL_EXTENSION("OpenTelemetry Java agent + WasmLens extension, JFR recording");

  /**
   * The agent's JFR settings file, written ({@link #writeAgentSettings}) by the benchmarks that run
   * {@link #JFR_ALONE} and {@link #JFR_HISTOGRAMS_ONLY}.
   */
  static final String AGENT_SETTINGS = "wasmlens.jfc";

  /** The agent's JFR settings, for the JFR-alone configuration: {@code wasmlens-agent.jar jfc}. */
  static void writeAgentSettings(Configuration.Tools tools, Path work)
      throws IOException, InterruptedException {
    Path settings = work.resolve(AGENT_SETTINGS);
    Process process =
        new ProcessBuilder(
                tools.java().toString(), "-jar", tools.agent().toString(), "jfc", "profile")
            .redirectOutput(settings.toFile())
            .redirectError(work.resolve("jfc-stderr.txt").toFile())
            .start();
    if (process.waitFor() != 0) {
      throw new IOException(
          "the agent could not write its JFR settings; see " + work.resolve("jfc-stderr.txt"));
    }
  }

  private final String label;

  Configuration(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  /**
   * {@code -XX:StartFlightRecording} with the agent's settings ({@link #AGENT_SETTINGS}), then
   * {@code overrides} (each {@code event#setting=value,}), into this configuration's file.
   */
  private String startFlightRecording(Path work, String overrides) {
    return "-XX:StartFlightRecording:settings="
        + work.resolve(AGENT_SETTINGS)
        + ","
        + overrides
        + "filename="
        + work.resolve(name().toLowerCase() + ".jfr");
  }

  /** Whether this configuration attaches the WasmLens agent itself (not as an extension). */
  boolean attachesAgent() {
    return this != BARE && this != JFR_ALONE && this != OTEL_JAVAAGENT && this != OTEL_EXTENSION;
  }

  /** The JVM options this configuration adds. */
  List<String> jvmOptions(Tools tools, Path work) {
    List<String> options = new ArrayList<>();
    String agent = "-javaagent:" + tools.agent();
    switch (this) {
      case BARE:
        break;
      case JFR_ALONE:
        options.add(startFlightRecording(work, ""));
        break;
      case IDLE:
        options.add(agent);
        break;
      case JFR_HISTOGRAMS_ONLY:
        options.add(agent);
        options.add(startFlightRecording(work, "wasmlens.Call#enabled=false,"));
        break;
      case JFR:
        options.add(agent + "=jfr.file=" + work.resolve(name().toLowerCase() + ".jfr"));
        break;
      case JFR_CPU_TIME_ALL:
        options.add(
            agent + "=jfr.file=" + work.resolve(name().toLowerCase() + ".jfr") + ",cpu-time=all");
        break;
      case JFR_CPU_TIME_ALL_NO_SAMPLER:
        options.add(
            agent
                + "=jfr.file="
                + work.resolve(name().toLowerCase() + ".jfr")
                + ",cpu-time=all,sampler.period=off");
        break;
      case SPANS_NONE:
        options.add(agent);
        options.add("-Dwasmlens.telemetry.enabled=true");
        options.add("-Dotel.traces.exporter=none");
        options.add("-Dotel.metrics.exporter=none");
        break;
      case SPANS_OTLP:
        options.add(agent);
        options.add("-Dotel.exporter.otlp.endpoint=" + tools.otlpEndpoint());
        break;
      case SPAN_EVERY_CALL:
        options.add(agent + "=spans.call.min-duration=0");
        options.add("-Dotel.exporter.otlp.endpoint=" + tools.otlpEndpoint());
        break;
      case OTEL_JAVAAGENT:
        options.add("-javaagent:" + tools.otelJavaagent());
        options.add("-Dotel.traces.exporter=none");
        options.add("-Dotel.metrics.exporter=none");
        break;
      case OTEL_EXTENSION:
        options.add("-javaagent:" + tools.otelJavaagent());
        options.add("-Dotel.javaagent.extensions=" + tools.otelExtension());
        options.add("-Dwasmlens.jfr.file=" + work.resolve(name().toLowerCase() + ".jfr"));
        options.add("-Dotel.traces.exporter=none");
        options.add("-Dotel.metrics.exporter=none");
        break;
      default:
        throw new AssertionError(this);
    }
    options.add("-Dotel.logs.exporter=none");
    return options;
  }

  /**
   * What the children are run with.
   *
   * @param otlpEndpoint where SPANS_OTLP and SPAN_EVERY_CALL export; null when not needed
   */
  record Tools(
      Path java,
      Path benchJar,
      Path agent,
      Path otelJavaagent,
      Path otelExtension,
      String otlpEndpoint) {}
}
