package dev.wasmlens.agent;

import dev.wasmlens.agent.bootstrap.ThreadCpuClock;
import dev.wasmlens.otel.TelemetrySettings;
import dev.wasmlens.otel.WasmTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * WasmLens inside the OpenTelemetry Java agent (the entry points are in {@code otelextension}): the
 * same bootstrap package, settings, JFR recording, status event and exit report as the standalone
 * agent ({@link AgentStartup}), with spans and metrics on the agent's SDK. Instrumenting is the
 * agent's: it applies {@link dev.wasmlens.agent.instrumentation.WasmtimeInstrumentation} through
 * its own transformer, without native wrapping.
 *
 * <p>This class is loaded before the bootstrap package is on the bootstrap class path, so it must
 * not make the verifier load a class of that package (a second copy would be defined in the
 * extension's class loader): it only calls static methods there, and leaves the rest to {@link
 * AgentInstaller}.
 */
public final class ExtensionStartup {
  /** The owner name {@code bootstrap.Installation} records. */
  static final String NAME = "an extension of the OpenTelemetry Java agent";

  /** The OpenTelemetry agent's setting that lists its extensions. */
  public static final String EXTENSIONS_PROPERTY = "otel.javaagent.extensions";

  /** An entry only the extension's jar has (the standalone agent's leaves the package out). */
  private static final String MARKER_ENTRY =
      "dev/wasmlens/agent/otelextension/WasmtimeInstrumentationModule.class";

  private static final AtomicInteger INSTRUMENTED_CLASSES = new AtomicInteger();
  private static final WasmTelemetry.SdkAdditions SDK_ADDITIONS =
      new WasmTelemetry.SdkAdditions(AgentVersion.VALUE);
  private static Boolean installed;

  private ExtensionStartup() {}

  /**
   * Puts the bootstrap package on the bootstrap class path and claims the JVM, once; the agent's
   * instrumentation module calls it when the agent asks whether it is enabled, before anything else
   * of WasmLens runs but the SDK customizer (which touches no class of that package).
   *
   * @param extensions the agent's {@code otel.javaagent.extensions} as its configuration has it
   *     (configuration file included), or null
   * @return false, said once on standard error, when WasmLens is turned off, already runs as the
   *     standalone agent, or cannot reach the agent's {@link Instrumentation}
   */
  public static synchronized boolean install(String extensions) {
    if (installed == null) {
      installed = tryInstall(extensions);
    }
    return installed;
  }

  /** Whether {@link #install} ran and succeeded. */
  public static synchronized boolean installed() {
    return installed != null && installed;
  }

  private static boolean tryInstall(String extensions) {
    try {
      AgentConfig config = AgentConfig.read(null, System.getProperties(), System.getenv());
      if (!config.enabled()) {
        AgentLog.info("extension " + AgentVersion.VALUE + " disabled by configuration");
        return false;
      }
      if (config.debug()) {
        AgentLog.enableDebug();
      }
      BootstrapClassPath.append(agentInstrumentation(), extensionJar(extensions));
      if (!AgentStartup.claim("extension", NAME)) {
        return false;
      }
      ThreadCpuClock.enable(config.cpuTime());
      return true;
    } catch (Exception | LinkageError e) {
      AgentLog.info("extension disabled, the application runs without it: " + e);
      return false;
    }
  }

  /**
   * The agent's SDK is built: starts the recording asked for and the spans, and registers the exit
   * report. Does nothing unless {@link #install} succeeded. Whatever fails is said in one line: the
   * agent's own start-up must go on.
   */
  public static void sdkReady(OpenTelemetrySdk sdk) {
    if (!installed()) {
      return;
    }
    try {
      startRecordingAndTelemetry(sdk);
    } catch (RuntimeException | LinkageError e) {
      AgentLog.info("extension started without its recording and spans: " + e);
    }
  }

  private static void startRecordingAndTelemetry(OpenTelemetrySdk sdk) {
    AgentConfig config = AgentConfig.read(null, System.getProperties(), System.getenv());
    StringBuilder started =
        new StringBuilder(AgentInstaller.startRecording(config, INSTRUMENTED_CLASSES::get));
    started.append(AgentInstaller.startThreadSampler(config));
    TelemetrySettings settings =
        TelemetrySettings.read(
            Map.of(), AgentInstaller.toMap(System.getProperties()), System.getenv());
    if (!settings.turnedOff()) {
      AgentInstaller.listenWith(
          WasmTelemetry.onSdk(sdk, SDK_ADDITIONS, settings, AgentVersion.VALUE));
      started.append(", spans and metrics through the OpenTelemetry Java agent");
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> AgentInstaller.reportAtExit(INSTRUMENTED_CLASSES::get, null),
                "wasmlens-exit-report"));
    AgentLog.info("extension " + AgentVersion.VALUE + " started" + started);
  }

  /**
   * Adds WasmLens's latency histograms to the agent's SDK while the agent configures it (before
   * {@link #install} is asked: a producer nobody records into exports nothing); a failure is said
   * in one line and leaves the SDK as it was.
   */
  public static void customizeSdk(AutoConfigurationCustomizer customizer) {
    try {
      SDK_ADDITIONS.customizeShared(customizer);
    } catch (RuntimeException | LinkageError e) {
      AgentLog.info("extension adds no histograms to the agent's SDK: " + e);
    }
  }

  /** The agent instrumented a wasmtime-java class with WasmLens's advice. */
  public static void classInstrumented() {
    if (INSTRUMENTED_CLASSES.incrementAndGet() == 1) {
      PeriodicEvents.registerIfRecording(INSTRUMENTED_CLASSES::get);
    }
  }

  /**
   * The extension's jar, found among the agent's {@code otel.javaagent.extensions} (files, or
   * folders of jars; {@code extensions}, else the system property or environment variable): the
   * agent loads extensions through its own URL scheme, so their classes do not tell where their jar
   * is.
   */
  private static Path extensionJar(String extensions) throws IOException {
    String configured =
        extensions != null
            ? extensions
            : System.getProperty(
                EXTENSIONS_PROPERTY, System.getenv(AgentConfig.envName(EXTENSIONS_PROPERTY)));
    if (configured != null) {
      for (String entry : configured.split(",")) {
        Path path = Path.of(entry.trim());
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(path)) {
          try (Stream<Path> files = Files.list(path)) {
            files.filter(f -> f.toString().endsWith(".jar")).forEach(jars::add);
          }
        } else if (Files.isRegularFile(path)) {
          jars.add(path);
        }
        for (Path jar : jars) {
          try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getEntry(MARKER_ENTRY) != null) {
              return jar;
            }
          }
        }
      }
    }
    throw new IOException(
        "the WasmLens extension jar is not among "
            + EXTENSIONS_PROPERTY
            + " ("
            + configured
            + "); give it there, not embedded in the agent");
  }

  /**
   * The agent's {@link Instrumentation}, from its bootstrap class {@code InstrumentationHolder}: an
   * internal class of the OpenTelemetry Java agent (2.x), the only way for an extension to add to
   * the bootstrap class path.
   */
  private static Instrumentation agentInstrumentation() throws ReflectiveOperationException {
    return (Instrumentation)
        Class.forName("io.opentelemetry.javaagent.bootstrap.InstrumentationHolder", true, null)
            .getMethod("getInstrumentation")
            .invoke(null);
  }
}
