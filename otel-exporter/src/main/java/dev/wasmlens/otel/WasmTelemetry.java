package dev.wasmlens.otel;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Spans and metrics for wasm phases, exported by an OpenTelemetry SDK of its own, configured by the
 * standard {@code OTEL_*} / {@code otel.*} settings through the SDK's autoconfiguration.
 *
 * <p>The SDK is never made global: the application's own OpenTelemetry, if any, stays its own.
 * Export runs on the SDK's threads with bounded queues; a slow, refusing or silent backend costs
 * the application nothing but the spans that do not fit (counted in {@link #counters()}).
 * Thread-safe.
 *
 * <pre>{@code
 * WasmTelemetry telemetry = WasmTelemetry.create(settings, "0.1.0");
 * PhaseTrace compiled = telemetry.record(compilePhase);
 * PhaseTrace trace = telemetry.recordCall(callPhase);   // on the calling thread
 * telemetry.close();                                    // flushes, at most SHUTDOWN_TIMEOUT
 * }</pre>
 *
 * <p>Inside the OpenTelemetry Java agent the SDK is the agent's ({@link #onSdk}): WasmLens adds its
 * {@link SdkAdditions} while the agent configures it, and leaves flushing and shutdown to it.
 */
public final class WasmTelemetry implements AutoCloseable {
  /** The instrumentation scope of every span and metric. */
  public static final String SCOPE = "dev.wasmlens";

  /** The longest {@link #close()} waits for spans and metrics to be flushed. */
  public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

  private final OpenTelemetrySdk sdk;
  private final boolean ownsSdk;
  private final WasmSpans spans;
  private final WasmMetrics metrics;
  private final LatencyHistograms latencies;
  private final ExportCounters counters;
  private final long callMinNanos;
  private final long hostCallMinNanos;

  private WasmTelemetry(
      OpenTelemetrySdk sdk,
      boolean ownsSdk,
      SdkAdditions additions,
      TelemetrySettings settings,
      String version) {
    this.sdk = sdk;
    this.ownsSdk = ownsSdk;
    this.latencies = additions.latencies;
    this.counters = additions.counters;
    this.callMinNanos = settings.callMinNanos();
    this.hostCallMinNanos = settings.hostCallMinNanos();
    this.spans =
        new WasmSpans(sdk.getTracer(SCOPE, version), callMinNanos, hostCallMinNanos, counters);
    this.metrics = new WasmMetrics(sdk.getMeter(SCOPE));
  }

  /**
   * What WasmLens adds to an SDK while it is autoconfigured: a count of exported and failed spans
   * around the span exporter, and the latency histograms as a metric producer.
   */
  public static final class SdkAdditions {
    private final ExportCounters counters = new ExportCounters();
    private final LatencyHistograms latencies;

    /**
     * @param version the instrumentation version reported with the histograms
     */
    public SdkAdditions(String version) {
      latencies =
          new LatencyHistograms(
              InstrumentationScopeInfo.builder(SCOPE).setVersion(version).build(),
              Clock.systemUTC());
    }

    /** Adds them to the SDK {@code customizer} configures, WasmLens's own. */
    public void customize(AutoConfigurationCustomizer customizer) {
      customizer.addSpanExporterCustomizer((exporter, config) -> counters.counting(exporter));
      customizeShared(customizer);
    }

    /**
     * Adds the latency histograms only, to an SDK whose exporter other instrumentation's spans go
     * through too (the OpenTelemetry Java agent's): counts there would not be WasmLens's spans.
     */
    public void customizeShared(AutoConfigurationCustomizer customizer) {
      customizer.addMeterProviderCustomizer(
          (meterProvider, config) -> meterProvider.registerMetricProducer(latencies));
    }
  }

  /**
   * Builds the SDK from the settings.
   *
   * @param version the instrumentation version reported with every span
   * @throws RuntimeException (the SDK's {@code ConfigurationException} among others) when the
   *     settings are wrong
   */
  public static WasmTelemetry create(TelemetrySettings settings, String version) {
    SdkAdditions additions = new SdkAdditions(version);
    AutoConfiguredOpenTelemetrySdkBuilder builder =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesSupplier(settings::sdkDefaults)
            .addPropertiesCustomizer(config -> settings.sdkOverrides())
            .disableShutdownHook();
    additions.customize(builder);
    return new WasmTelemetry(
        builder.build().getOpenTelemetrySdk(), true, additions, settings, version);
  }

  /**
   * Telemetry on an SDK built and shut down by someone else (the OpenTelemetry Java agent), which
   * {@code additions} customized while it was configured.
   *
   * @param settings only the span thresholds are read: export is configured by the SDK's owner
   */
  public static WasmTelemetry onSdk(
      OpenTelemetrySdk sdk, SdkAdditions additions, TelemetrySettings settings, String version) {
    return new WasmTelemetry(sdk, false, additions, settings, version);
  }

  /**
   * A compile, an instantiation, a teardown or a host call; call it on the thread that did the
   * work.
   *
   * @return where the phase sits in the trace, for the JFR event; nothing for a host call, whose
   *     span is made when its call ends and whose call's event carries the trace (a host call is
   *     hot: it is not worth a look at the application's context)
   */
  public PhaseTrace record(WasmPhase phase) {
    if (phase.kind() == WasmPhase.Kind.HOST_CALL) {
      recordHostCall(phase);
      return PhaseTrace.NONE;
    }
    SpanContext parent = ApplicationTraceContext.current();
    SpanContext own = spans.phase(phase, parent);
    latencies.record(phase);
    return PhaseTrace.of(parent, own);
  }

  /**
   * A host call; its span is made when its call ends, and its call's event carries the trace (a
   * host call is hot: it is not worth a look at the application's context).
   */
  public void recordHostCall(WasmPhase phase) {
    spans.hostCall(phase);
  }

  /**
   * An outermost call, with the host calls recorded since the last one on this thread; call it on
   * the calling thread, where the application's current span is the call's parent.
   *
   * @return where the call sits in the trace, for the JFR event
   */
  public PhaseTrace recordCall(WasmPhase phase) {
    SpanContext parent = ApplicationTraceContext.current();
    SpanContext call = spans.call(phase, parent);
    latencies.record(phase);
    return PhaseTrace.of(parent, call);
  }

  /**
   * A successful outermost call shorter than {@link #callMinNanos()} that holds no host call worth
   * a span: counted in {@code wasm.call.duration} only, with no span, trace lookup or allocation.
   *
   * @param module the module's name, null when unknown
   * @param export the export called, null when unknown
   */
  public void countCall(String module, String export, long nanos) {
    latencies.record(WasmPhase.Kind.CALL, module, export, "ok", nanos);
  }

  /** The shortest call that becomes a span ({@code wasmlens.spans.call.min-duration}). */
  public long callMinNanos() {
    return callMinNanos;
  }

  /** The shortest host call that becomes a span ({@code wasmlens.spans.host-call.min-duration}). */
  public long hostCallMinNanos() {
    return hostCallMinNanos;
  }

  /**
   * The application's trace on the calling thread, for a phase that gets no span of its own (a
   * store creation).
   */
  public PhaseTrace currentTrace() {
    return PhaseTrace.of(ApplicationTraceContext.current(), SpanContext.getInvalid());
  }

  /** {@code delta} objects of {@code kind} were created, or disposed when negative. */
  public void liveChanged(String kind, long delta) {
    metrics.liveChanged(kind, delta);
  }

  /**
   * What became of the spans so far; on an SDK {@linkplain SdkAdditions#customizeShared shared}
   * with other instrumentation, only the spans ended.
   */
  public ExportCounters counters() {
    return counters;
  }

  /** Host calls that got no span because one call made too many. */
  public long hostCallsNotBuffered() {
    return spans.hostCallsNotBuffered();
  }

  /**
   * Flushes and stops the SDK, waiting at most {@link #SHUTDOWN_TIMEOUT}; an SDK owned by someone
   * else ({@link #onSdk}) is left to them.
   *
   * @return true when the SDK finished within the time, whether or not every export succeeded
   */
  public boolean shutdown() {
    return !ownsSdk
        || sdk.shutdown().join(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).isDone();
  }

  @Override
  public void close() {
    shutdown();
  }
}
