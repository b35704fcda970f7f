package dev.wasmlens.agent;

import dev.wasmlens.agent.bootstrap.AgentFailures;
import dev.wasmlens.agent.bootstrap.PhaseEvents;
import dev.wasmlens.agent.bootstrap.PhaseListener;
import dev.wasmlens.agent.bootstrap.ThreadCpuClock;
import dev.wasmlens.agent.instrumentation.WasmtimeTransformer;
import dev.wasmlens.agent.sampler.ThreadSampler;
import dev.wasmlens.agent.telemetry.TelemetryListener;
import dev.wasmlens.otel.ExportCounters;
import dev.wasmlens.otel.TelemetrySettings;
import dev.wasmlens.otel.WasmTelemetry;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntSupplier;

/**
 * Installs the agent once the bootstrap package is on the bootstrap class path: registers the
 * transformer with its native-method prefix, starts OpenTelemetry export and the JFR recording when
 * asked, and reports at exit.
 */
final class AgentInstaller {
  private AgentInstaller() {}

  /**
   * Returns what the start-up line should add, for example {@code ", recording to /tmp/app.jfr"}.
   */
  static String install(
      AgentConfig config, String agentArgs, Instrumentation instrumentation, boolean lateAttach) {
    ThreadCpuClock.enable(config.cpuTime());
    // The internal switch makes the agent instrument as the OpenTelemetry extension and an attach
    // do, for the tests that compare them.
    boolean nativePrefix =
        instrumentation.isNativeMethodPrefixSupported()
            && !"false".equals(System.getProperty("wasmlens.internal.native-wrapping"));
    WasmtimeTransformer transformer =
        new WasmtimeTransformer(
            AgentLog::debug,
            first -> PeriodicEvents.registerIfRecording(first::instrumentedClasses),
            nativePrefix);
    // Taken before the transformer is added: a class it defines must not be retransformed too.
    List<Class<?>> loadedBefore = lateAttach ? loadedWasmtimeClasses(instrumentation) : List.of();
    instrumentation.addTransformer(transformer, false);
    if (nativePrefix) {
      instrumentation.setNativeMethodPrefix(transformer, WasmtimeTransformer.NATIVE_METHOD_PREFIX);
    } else {
      AgentLog.info(
          "this JVM cannot prefix native methods: failed compiles, store creations and"
              + " instantiations, and direct dispose() calls go unrecorded");
    }
    if (!loadedBefore.isEmpty()) {
      retransform(instrumentation, transformer, loadedBefore);
    }

    WasmTelemetry telemetry = startTelemetry(agentArgs);
    StringBuilder started =
        new StringBuilder(startRecording(config, transformer::instrumentedClasses));
    started.append(startThreadSampler(config));
    if (telemetry != null) {
      started.append(", exporting spans and metrics");
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> reportAtExit(transformer::instrumentedClasses, telemetry),
                "wasmlens-exit-report"));
    return started.toString();
  }

  /**
   * Starts OpenTelemetry export when the user configured any ({@code OTEL_EXPORTER_OTLP_ENDPOINT},
   * {@code OTEL_TRACES_EXPORTER}, ...); null otherwise, or when the configuration is not usable
   * (said in one line).
   */
  private static WasmTelemetry startTelemetry(String agentArgs) {
    TelemetrySettings settings =
        TelemetrySettings.read(
            AgentConfig.agentArgsByPropertyName(agentArgs),
            toMap(System.getProperties()),
            System.getenv());
    if (!settings.exportRequested()) {
      return null;
    }
    try {
      return listenWith(WasmTelemetry.create(settings, AgentVersion.VALUE));
    } catch (RuntimeException | LinkageError e) {
      AgentLog.info(
          "spans and metrics are off, the OpenTelemetry settings are not usable: "
              + e.getMessage());
      return null;
    }
  }

  /**
   * Starts the recording {@code wasmlens.jfr.file} asks for, if any, with the status event; returns
   * what the start-up line should say of it.
   */
  static String startRecording(AgentConfig config, IntSupplier instrumentedClasses) {
    if (config.jfrFile() == null) {
      return "";
    }
    try {
      PhaseEvents.register();
      String started =
          ", recording to " + JfrRecordingStarter.start(config.jfrFile(), config.jfrBase());
      PeriodicEvents.registerIfRecording(instrumentedClasses);
      return started;
    } catch (Exception e) {
      // The instrumentation is in place and serves any other recording; only this one is lost.
      return ", but could not start the recording to " + config.jfrFile() + ": " + e;
    }
  }

  /**
   * Starts the thread sampler when the configuration asks for a diagnosis recording; returns what
   * the start-up line should say of it.
   */
  static String startThreadSampler(AgentConfig config) {
    long period = config.samplerPeriodMillis();
    return period > 0 ? ThreadSampler.start(period) : "";
  }

  /** Makes {@code telemetry} receive every phase from now on; returns it. */
  static WasmTelemetry listenWith(WasmTelemetry telemetry) {
    PhaseListener.Registry.register(new TelemetryListener(telemetry));
    return telemetry;
  }

  private static List<Class<?>> loadedWasmtimeClasses(Instrumentation instrumentation) {
    String wasmtimePackage = WasmtimeTransformer.WASMTIME_PACKAGE.replace('/', '.');
    List<Class<?>> loaded = new ArrayList<>();
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      if (type.getName().startsWith(wasmtimePackage) && instrumentation.isModifiableClass(type)) {
        loaded.add(type);
      }
    }
    return loaded;
  }

  /**
   * Attached to a running JVM: instruments the wasmtime-java classes that were loaded before. Their
   * native methods cannot be wrapped any more (that adds methods), so they lose what only the
   * natives see; say so once.
   */
  private static void retransform(
      Instrumentation instrumentation, WasmtimeTransformer transformer, List<Class<?>> loaded) {
    instrumentation.addTransformer(transformer.forLoadedClasses(loaded), true);
    try {
      instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
      AgentLog.info(
          "attached to a running JVM: the wasmtime-java classes already loaded were instrumented"
              + " without their native methods; failed compiles, store creations and"
              + " instantiations, direct dispose() calls, and the names of modules, exports and"
              + " host functions made before the attach go unrecorded (docs/running.md)");
    } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
      AgentFailures.record(e);
      AgentLog.info("attached to a running JVM, but could not instrument loaded classes: " + e);
    }
  }

  /**
   * The exit lines: what became of the spans (when {@code telemetry} is WasmLens's own), the
   * classes instrumented and the failures suppressed.
   */
  static void reportAtExit(IntSupplier instrumentedClasses, WasmTelemetry telemetry) {
    if (telemetry != null) {
      PhaseListener.Registry.register(null);
      boolean finished = telemetry.shutdown();
      ExportCounters spans = telemetry.counters();
      AgentLog.info(
          "spans: "
              + spans.ended()
              + " sampled and ended, "
              + spans.exported()
              + " exported, "
              + spans.failed()
              + " failed to export, "
              + spans.droppedOrPending()
              + (finished
                  ? " dropped"
                  : " dropped or not flushed within "
                      + WasmTelemetry.SHUTDOWN_TIMEOUT.toSeconds()
                      + " s"));
    }
    long failures = AgentFailures.count();
    String summary =
        "exit: "
            + instrumentedClasses.getAsInt()
            + " wasmtime-java classes instrumented, "
            + failures
            + " internal failures suppressed";
    String sampler = ThreadSampler.summaryLine();
    if (sampler != null) {
      AgentLog.info(sampler);
    }
    Throwable first = AgentFailures.first();
    AgentLog.info(first == null ? summary : summary + " (first: " + first + ")");
  }

  static Map<String, String> toMap(Properties properties) {
    Map<String, String> map = new HashMap<>();
    for (String name : properties.stringPropertyNames()) {
      map.put(name, properties.getProperty(name));
    }
    return map;
  }
}
