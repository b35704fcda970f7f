package dev.wasmlens.bench;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * What the agent adds to each phase it records: calls of a trivial export and of a realistic one,
 * compile, instantiation and teardown, in every configuration, each round a fresh child JVM per
 * configuration ({@link PhaseLoop}). Prints a Markdown table per measure: median nanoseconds per
 * operation with the spread over rounds, the nanoseconds added to the run without the agent and the
 * ratio to it.
 */
@Command(
    name = "phases",
    mixinStandardHelpOptions = true,
    description =
        "Cost of the agent per call, compile, instantiation and teardown, in each of its modes,"
            + " against no agent.")
final class PhaseCostCommand implements Callable<Integer> {
  private static final List<Configuration> MEASURED =
      List.of(
          Configuration.BARE,
          Configuration.IDLE,
          Configuration.JFR,
          Configuration.JFR_CPU_TIME_ALL_NO_SAMPLER,
          Configuration.JFR_CPU_TIME_ALL,
          Configuration.SPANS_NONE,
          Configuration.SPANS_OTLP,
          Configuration.SPAN_EVERY_CALL,
          Configuration.OTEL_JAVAAGENT,
          Configuration.OTEL_EXTENSION);

  @Mixin CommonOptions options;

  @Override
  public Integer call() throws Exception {
    Measurements perOperation =
        Child.measureLines(
            options, options.selected(MEASURED), List.of("-Xmx256m"), List.of("phase-loop"), 1);
    perOperation.print(PhaseCostCommand::title, "ns per operation");
    return 0;
  }

  private static String title(String measure) {
    switch (measure) {
      case "trivial":
        return "call of a trivial export (returns its argument)";
      case "realistic":
        return "call of a realistic export (checksum loop of 2,000 iterations, one host call)";
      case "compile":
        return "compile (the checksum guest)";
      case "instantiate":
        return "store creation and instantiation (a module without imports)";
      case "teardown":
        return "teardown (closing that instance and its store)";
      default:
        return measure;
    }
  }
}
