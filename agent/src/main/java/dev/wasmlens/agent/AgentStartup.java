package dev.wasmlens.agent;

import dev.wasmlens.agent.bootstrap.AgentFailures;
import dev.wasmlens.agent.instrumentation.WasmtimeTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts the agent: reads the configuration, puts the bootstrap package on the bootstrap class
 * path, registers the transformer with its native-method prefix, optionally starts a JFR recording,
 * and reports at exit.
 */
final class AgentStartup {
  static final String VERSION =
      versionOf(AgentStartup.class.getPackage().getImplementationVersion());

  /**
   * Set by the first start: a second {@code -javaagent} or attach of this jar must not instrument
   * twice.
   */
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private AgentStartup() {}

  static void start(String agentArgs, Instrumentation instrumentation, boolean lateAttach)
      throws Exception {
    long startNanos = System.nanoTime();
    AgentConfig config = AgentConfig.read(agentArgs, System.getProperties(), System.getenv());
    if (!config.enabled()) {
      AgentLog.info("agent " + VERSION + " disabled by configuration");
      return;
    }
    if (!STARTED.compareAndSet(false, true)) {
      AgentLog.info(
          "agent "
              + VERSION
              + " is already running in this JVM; ignoring this start and its options");
      return;
    }
    if (config.debug()) {
      AgentLog.enableDebug();
    }
    BootstrapClassPath.append(instrumentation);

    WasmtimeTransformer transformer =
        new WasmtimeTransformer(AgentLog::debug, AgentStatusEvent::registerIfRecording);
    instrumentation.addTransformer(transformer, false);
    if (instrumentation.isNativeMethodPrefixSupported()) {
      instrumentation.setNativeMethodPrefix(transformer, WasmtimeTransformer.NATIVE_METHOD_PREFIX);
    } else {
      AgentLog.info(
          "this JVM cannot prefix native methods: compiles, instantiations and teardowns go unrecorded");
    }
    if (lateAttach) {
      warnAboutLoadedClasses(instrumentation);
    }

    String recording = "";
    if (config.jfrFile() != null) {
      try {
        recording =
            ", recording to " + JfrRecordingStarter.start(config.jfrFile(), config.jfrBase());
      } catch (Exception e) {
        // The instrumentation is in place and serves any other recording; only this one is lost.
        recording = ", but could not start the recording to " + config.jfrFile() + ": " + e;
      }
    }
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> reportAtExit(transformer), "wasmlens-exit-report"));
    long startMillis = (System.nanoTime() - startNanos) / 1_000_000;
    AgentLog.info("agent " + VERSION + " started in " + startMillis + " ms" + recording);
  }

  /**
   * Classes loaded before the agent keep their original code: say which, since their phases go
   * unrecorded.
   */
  private static void warnAboutLoadedClasses(Instrumentation instrumentation) {
    List<String> loaded = new ArrayList<>();
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      if (type.getName().startsWith("io.github.kawamuray.wasmtime.")) {
        loaded.add(type.getSimpleName());
      }
    }
    if (!loaded.isEmpty()) {
      AgentLog.info(
          "attached late: already loaded wasmtime-java classes stay uninstrumented: " + loaded);
    }
  }

  private static void reportAtExit(WasmtimeTransformer transformer) {
    long failures = AgentFailures.count();
    String summary =
        "exit: "
            + transformer.instrumentedClasses()
            + " wasmtime-java classes instrumented, "
            + failures
            + " internal failures suppressed";
    Throwable first = AgentFailures.first();
    AgentLog.info(first == null ? summary : summary + " (first: " + first + ")");
  }

  private static String versionOf(String implementationVersion) {
    return implementationVersion == null ? "(development build)" : implementationVersion;
  }
}
