package dev.wasmlens.agent;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * {@code attach PID [OPTIONS]}: loads this agent into the running JVM {@code PID}, with {@code
 * OPTIONS} as its agent arguments ({@code jfr.file=app.jfr,cpu-time=all}). The options are checked
 * here first, so a mistake is reported to the user rather than to the service's log. Needs a JDK
 * (the {@code jdk.attach} module) and the same user as the service.
 */
final class AttachCommand {
  static final String USAGE_LINE =
      "  attach PID [OPTIONS]  load the agent into the running JVM PID (OPTIONS: as after"
          + " -javaagent:wasmlens-agent.jar=)";

  private AttachCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 2 || args.length > 3) {
      err.println("attach takes a process id and optionally the agent's options");
      err.println(USAGE_LINE);
      return AgentCommands.USAGE;
    }
    String pid = args[1];
    if (!pid.matches("\\d+")) {
      err.println("'" + pid + "' is not a process id");
      return AgentCommands.USAGE;
    }
    String options = args.length == 3 ? args[2] : "";
    try {
      AgentConfig.read(options, new Properties(), Map.of()).checkedCpuTime();
    } catch (IllegalArgumentException e) {
      err.println("bad options: " + e.getMessage());
      return AgentCommands.USAGE;
    }
    Path agentJar;
    try {
      agentJar = BootstrapClassPath.agentJar();
    } catch (IOException e) {
      err.println("cannot attach: " + e.getMessage());
      return AgentCommands.FAILED;
    }
    try {
      VirtualMachine vm = VirtualMachine.attach(pid);
      try {
        vm.loadAgent(agentJar.toString(), options.isEmpty() ? null : options);
      } finally {
        vm.detach();
      }
    } catch (AttachNotSupportedException | IOException e) {
      err.println("cannot attach to process " + pid + ": " + e.getMessage());
      return AgentCommands.FAILED;
    } catch (AgentLoadException | AgentInitializationException e) {
      err.println("process " + pid + " did not load the agent: " + e.getMessage());
      return AgentCommands.FAILED;
    }
    out.println(
        "attached to process "
            + pid
            + "; the agent reports on that process's standard error ([wasmlens] lines)");
    return AgentCommands.OK;
  }
}
