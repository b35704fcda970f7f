package dev.wasmlens.demo;

import dev.wasmlens.demo.scenario.ScenariosCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar wasmlens-demo.jar [COMMAND]}: the demo's commands. Without a command it runs the
 * sample app. Exit codes: 0 done, 1 failed, 2 bad arguments (one line saying which).
 */
@Command(
    name = "wasmlens-demo",
    mixinStandardHelpOptions = true,
    version = "wasmlens-demo 0.1.0",
    description = "A Wasmtime HTTP microservice, its load generator, and a sample app.",
    subcommands = {
      TradeoffsCommand.class,
      ServeCommand.class,
      LoadCommand.class,
      SampleCommand.class,
      ScenariosCommand.class
    })
public final class DemoMain implements Runnable {
  @Override
  public void run() {
    new SampleCommand().call();
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code, without exiting: tests call this. */
  static int execute(String... args) {
    CommandLine commandLine = new CommandLine(new DemoMain());
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parsed) -> {
          cmd.getErr().println("wasmlens-demo: " + exception.getMessage());
          return 1;
        });
    commandLine.setParameterExceptionHandler(
        (exception, args2) -> {
          CommandLine cmd = exception.getCommandLine();
          cmd.getErr().println("wasmlens-demo: " + exception.getMessage() + " (see --help)");
          return 2;
        });
    return commandLine.execute(args);
  }
}
