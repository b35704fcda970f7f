package dev.wasmlens.agent;

import dev.wasmlens.agent.bootstrap.Installation;
import java.lang.instrument.Instrumentation;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts the agent: reads the configuration, puts the bootstrap package on the bootstrap class
 * path, and hands over to {@link AgentInstaller}.
 *
 * <p>This class must not make the verifier load a class of the bootstrap package (no such type in a
 * signature, field or assignment): it would come from the agent jar, through the system class
 * loader, before the package is on the bootstrap class path, and the JVM would then hold two
 * incompatible copies. Static calls into it, resolved when they run, are fine after the append.
 */
final class AgentStartup {
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
      AgentLog.info("agent " + AgentVersion.VALUE + " disabled by configuration");
      return;
    }
    if (!STARTED.compareAndSet(false, true)) {
      AgentLog.info(
          "agent "
              + AgentVersion.VALUE
              + " is already running in this JVM; ignoring this start and its options");
      return;
    }
    if (config.debug()) {
      AgentLog.enableDebug();
    }
    BootstrapClassPath.append(instrumentation);
    if (!claim("agent", "the standalone agent")) {
      return;
    }
    String started = AgentInstaller.install(config, agentArgs, instrumentation, lateAttach);
    long startMillis = (System.nanoTime() - startNanos) / 1_000_000;
    AgentLog.info("agent " + AgentVersion.VALUE + " started in " + startMillis + " ms" + started);
  }

  /**
   * Claims the JVM for {@code owner} ({@link Installation}); when another WasmLens has it, says so
   * and returns false. Only after the bootstrap package is on the bootstrap class path.
   *
   * @param what how the start-up lines call this WasmLens: {@code agent} or {@code extension}
   */
  static boolean claim(String what, String owner) {
    if (Installation.claim(owner)) {
      return true;
    }
    AgentLog.info(
        what
            + " "
            + AgentVersion.VALUE
            + " not started: WasmLens already runs in this JVM as "
            + Installation.owner());
    return false;
  }

  /** The build's version, from {@code version.properties}; unknown in an unpackaged build. */
}
