package dev.wasmlens.agent;

import java.io.PrintStream;

/**
 * The commands of {@code java -jar wasmlens-agent.jar}. Exit codes: 0 done, 1 failed, 2 bad
 * arguments.
 *
 * <ul>
 *   <li>{@code jfc [BASE]} writes the complete JFR settings for attribution, for this JDK, to
 *       standard output: BASE ({@code profile} unless given: a JDK configuration name or a {@code
 *       .jfc} path) refined by the agent's {@code wasmlens.jfc};
 *   <li>{@code attach PID [OPTIONS]} loads the agent into a running JVM ({@link AttachCommand});
 *   <li>{@code version} prints the agent's version.
 * </ul>
 */
final class AgentCommands {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  private static final String USAGE_TEXT =
      String.join(
          "\n",
          "Usage: java -jar wasmlens-agent.jar <command>",
          "  jfc [BASE]            write JFR settings for attribution (BASE: default, profile or a .jfc file; default profile)",
          AttachCommand.USAGE_LINE,
          "  version               print the agent's version",
          "As an agent: java -javaagent:wasmlens-agent.jar[=jfr.file=app.jfr] ... (see docs/configuration.md)");

  private AgentCommands() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
      (args.length == 0 ? err : out).println(USAGE_TEXT);
      return args.length == 0 ? USAGE : OK;
    }
    switch (args[0]) {
      case "version":
      case "--version":
        out.println("wasmlens-agent " + AgentVersion.VALUE);
        return OK;
      case "jfc":
        if (args.length > 2) {
          err.println(
              "jfc takes at most one argument, the base settings; got " + (args.length - 1));
          return USAGE;
        }
        try {
          out.print(JfrSettings.toJfc(JfrSettings.merged(args.length == 2 ? args[1] : "profile")));
          return OK;
        } catch (Exception e) {
          err.println("cannot build the settings: " + e.getMessage());
          return FAILED;
        }
      case "attach":
        return AttachCommand.run(args, out, err);
      default:
        err.println("unknown command '" + args[0] + "'");
        err.println(USAGE_TEXT);
        return USAGE;
    }
  }
}
