package dev.wasmlens.agent;

import dev.wasmlens.agent.bootstrap.Installation;
import dev.wasmlens.agent.bootstrap.ThreadCpuClock;
import dev.wasmlens.otel.TelemetrySettings;
import dev.wasmlens.otel.WasmTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
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
  /** The owner name {@link Installation} records. */
  static final String NAME = "an extension of the OpenTelemetry Java agent";

  private static final String EXTENSIONS_PROPERTY = "otel.javaagent.extensions";
  private static final String MARKER_ENTRY = "dev/wasmlens/agent/ExtensionStartup.class";

  private static final AtomicInteger INSTRUMENTED_CLASSES = new AtomicInteger();
  private static final WasmTelemetry.SdkAdditions SDK_ADDITIONS =
      new WasmTelemetry.SdkAdditions(AgentStartup.VERSION);
  private static Boolean installed;

  private ExtensionStartup() {}

  /**
   * Puts the bootstrap package on the bootstrap class path and claims the JVM, once; the agent's
   * first use of the extension (its instrumentation module) calls it, before any class of that
   * package is loaded.
   *
   * @return false, said once on standard error, when WasmLens is turned off, already runs as the
   *     standalone agent, or cannot reach the agent's {@link Instrumentation}
   */
  public static synchronized boolean install() {
    if (installed == null) {
      installed = tryInstall();
    }
    return installed;
  }

  private static boolean tryInstall() {
    try {
      AgentConfig config = AgentConfig.read(null, System.getProperties(), System.getenv());
      if (!config.enabled()) {
        AgentLog.info("extension " + AgentStartup.VERSION + " disabled by configuration");
        return false;
      }
      if (config.debug()) {
        AgentLog.enableDebug();
      }
      BootstrapClassPath.append(agentInstrumentation(), extensionJar());
      if (!Installation.claim(NAME)) {
        AgentLog.info(
            "extension "
                + AgentStartup.VERSION
                + " not started: WasmLens already runs in this JVM as "
                + Installation.owner());
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
   * report. Does nothing unless {@link #install} succeeded.
   */
  public static void sdkReady(OpenTelemetrySdk sdk) {
    if (!install()) {
      return;
    }
    AgentConfig config = AgentConfig.read(null, System.getProperties(), System.getenv());
    StringBuilder started =
        new StringBuilder(AgentInstaller.startRecording(config, INSTRUMENTED_CLASSES::get));
    TelemetrySettings settings =
        TelemetrySettings.read(
            Map.of(), AgentInstaller.toMap(System.getProperties()), System.getenv());
    if (!settings.turnedOff()) {
      AgentInstaller.listenWith(
          WasmTelemetry.onSdk(sdk, SDK_ADDITIONS, settings, AgentStartup.VERSION));
      started.append(", spans and metrics through the OpenTelemetry Java agent");
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> AgentInstaller.reportAtExit(INSTRUMENTED_CLASSES::get, null),
                "wasmlens-exit-report"));
    AgentLog.info("extension " + AgentStartup.VERSION + " started" + started);
  }

  /** What WasmLens adds to the agent's SDK while the agent configures it. */
  public static WasmTelemetry.SdkAdditions sdkAdditions() {
    return SDK_ADDITIONS;
  }

  /** The agent instrumented a wasmtime-java class with WasmLens's advice. */
  public static void classInstrumented() {
    if (INSTRUMENTED_CLASSES.incrementAndGet() == 1) {
      AgentStatusEvent.registerIfRecording(INSTRUMENTED_CLASSES::get);
    }
  }

  /**
   * The extension's jar, found among the agent's {@code otel.javaagent.extensions} (files, or
   * folders of jars): the agent loads extensions through its own URL scheme, so their classes do
   * not tell where their jar is.
   */
  private static Path extensionJar() throws IOException {
    String configured =
        System.getProperty(
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
