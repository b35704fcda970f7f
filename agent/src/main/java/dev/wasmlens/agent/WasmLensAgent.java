package dev.wasmlens.agent;

import java.lang.instrument.Instrumentation;

/**
 * Entry points of the agent jar: {@code premain} for {@code -javaagent}, {@code agentmain} for a
 * late attach, and {@code main} for the jar's commands.
 *
 * <p>Nothing here may harm the application: any failure while starting is reported in one line and
 * leaves the application running without the agent. This class must not touch the bootstrap package
 * before {@link AgentStartup} has put it on the bootstrap class path.
 */
public final class WasmLensAgent {
  private WasmLensAgent() {}

  /** Called by the JVM for {@code -javaagent:wasmlens-agent.jar[=options]} before {@code main}. */
  public static void premain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation, false);
  }

  /** Called by the JVM when the agent is attached to a running JVM. */
  public static void agentmain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation, true);
  }

  /** {@code java -jar wasmlens-agent.jar COMMAND}: see {@link AgentCommands}. */
  public static void main(String[] args) {
    int status = AgentCommands.run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  private static void start(String agentArgs, Instrumentation instrumentation, boolean lateAttach) {
    try {
      AgentStartup.start(agentArgs, instrumentation, lateAttach);
    } catch (Throwable t) {
      AgentLog.info("agent disabled, the application runs without it: " + t);
    }
  }
}
