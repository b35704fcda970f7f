package dev.wasmlens.bench;

import dev.wasmlens.bench.score.FaultScoreCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar benchmarks/target/wasmlens-bench.jar
 * calls|startup|memory|load|fault-score|sampler-cost|call-cost [options]}.
 */
@Command(
    name = "wasmlens-bench",
    mixinStandardHelpOptions = true,
    description = "What the WasmLens agent costs, against runs without it in the same invocation.",
    subcommands = {
      PhaseCostCommand.class,
      StartupCommand.class,
      RetainedHeapCommand.class,
      LoadCostCommand.class,
      PhaseLoop.class,
      FirstCall.class,
      RetainedHeap.class,
      FaultScoreCommand.class,
      SamplerCostCommand.class,
      CallCostCommand.class
    })
public final class BenchMain implements Runnable {
  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  public static void main(String[] args) {
    CommandLine commandLine = new CommandLine(new BenchMain());
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parsed) -> {
          cmd.getErr().println("wasmlens-bench: " + exception.getMessage());
          return 1;
        });
    commandLine.setParameterExceptionHandler(
        (exception, arguments) -> {
          exception
              .getCommandLine()
              .getErr()
              .println("wasmlens-bench: " + exception.getMessage() + " (see --help)");
          return 2;
        });
    System.exit(commandLine.execute(args));
  }
}
