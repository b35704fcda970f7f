package dev.wasmlens.bench;

import dev.wasmlens.bench.jmh.TrivialCallBenchmark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What the agent adds to one trivial call, measured with JMH ({@link TrivialCallBenchmark}): one
 * fork per configuration and round, the rounds interleaved so that a drift of the machine touches
 * every configuration alike, each fork's score (ns per call, after its warm-up) one value of the
 * table. Beside the run without the agent, JFR alone with the agent's settings, so that what JFR
 * costs the JVM is told apart from what the agent costs.
 */
@Command(
    name = "call-cost",
    mixinStandardHelpOptions = true,
    description = "ns per trivial wasm call with and without the agent, measured with JMH.")
final class CallCostCommand implements Callable<Integer> {
  private static final List<Configuration> MEASURED =
      List.of(
          Configuration.BARE,
          Configuration.JFR_ALONE,
          Configuration.IDLE,
          Configuration.JFR,
          Configuration.JFR_HISTOGRAMS_ONLY,
          Configuration.JFR_CPU_TIME_ALL);

  @Mixin CommonOptions options;

  @Option(
      names = "--warmup-iterations",
      description = "JMH warm-up iterations per fork (default: ${DEFAULT-VALUE}).")
  int warmupIterations = 5;

  @Option(
      names = "--iterations",
      description = "JMH measured iterations per fork (default: ${DEFAULT-VALUE}).")
  int iterations = 5;

  @Option(
      names = "--iteration-ms",
      description = "Length of one iteration, ms (default: ${DEFAULT-VALUE}).")
  long iterationMillis = 1000;

  @Option(
      names = "--agent-alone",
      description =
          "Measure the agent's begin and end around a call without the call (ns per call, beside"
              + " the trivial call without the agent), in the configurations with the agent.")
  boolean agentAlone;

  @Override
  public Integer call() throws Exception {
    Configuration.Tools tools = options.tools(null);
    Path work = options.work.toAbsolutePath();
    Configuration.writeAgentSettings(tools, work);
    List<Configuration> configurations = options.selected(MEASURED);
    Map<Configuration, List<Double>> results = new LinkedHashMap<>();
    if (agentAlone) {
      configurations =
          configurations.stream()
              .filter(c -> c == Configuration.BARE || c.attachesAgent())
              .collect(java.util.stream.Collectors.toList());
    }
    for (int round = 1; round <= options.rounds; round++) {
      for (Configuration configuration : configurations) {
        String benchmark =
            agentAlone && configuration != Configuration.BARE ? "agentAlone" : "call";
        double nanos = fork(configuration, benchmark, tools, work);
        results.computeIfAbsent(configuration, c -> new ArrayList<>()).add(nanos);
        System.err.printf(
            "round %d of %d, %s: %.2f ns per call%n",
            round, options.rounds, configuration.label(), nanos);
      }
    }
    if (agentAlone) {
      ResultTable.printShares("ns per call, the agent alone", "ns per trivial call", results);
    } else {
      ResultTable.print("ns per call", results);
    }
    return 0;
  }

  /** One JMH fork of the benchmark under {@code configuration}: its score, ns per call. */
  private double fork(
      Configuration configuration, String benchmark, Configuration.Tools tools, Path work)
      throws RunnerException {
    Options jmh =
        new OptionsBuilder()
            .include(TrivialCallBenchmark.class.getName() + "." + benchmark + "$")
            .forks(1)
            .warmupIterations(warmupIterations)
            .measurementIterations(iterations)
            .warmupTime(TimeValue.milliseconds(iterationMillis))
            .measurementTime(TimeValue.milliseconds(iterationMillis))
            .timeUnit(TimeUnit.NANOSECONDS)
            .jvm(tools.java().toString())
            .jvmArgsAppend(configuration.jvmOptions(tools, work).toArray(new String[0]))
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT)
            .build();
    RunResult result = new Runner(jmh).runSingle();
    return result.getPrimaryResult().getScore();
  }
}
