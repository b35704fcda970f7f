package dev.wasmlens.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * What the agent adds to {@code Func.call}: a trivial export and a realistic one, in every
 * configuration, each round a fresh child JVM per configuration ({@link CallLoop}). Prints a
 * Markdown table: median nanoseconds per call with the spread over rounds, the nanoseconds added to
 * the bare call and the ratio to it.
 */
@Command(
    name = "calls",
    mixinStandardHelpOptions = true,
    description = "Per-call cost of the agent in each of its modes, against no agent.")
final class CallCostCommand implements Callable<Integer> {
  private static final List<Configuration> MEASURED =
      List.of(
          Configuration.BARE,
          Configuration.IDLE,
          Configuration.JFR,
          Configuration.JFR_NO_CPU_TIME,
          Configuration.SPANS_NONE,
          Configuration.SPANS_OTLP,
          Configuration.SPAN_EVERY_CALL);

  @Mixin CommonOptions options;

  @Override
  public Integer call() throws Exception {
    Map<Configuration, List<Double>> trivial = new EnumMap<>(Configuration.class);
    Map<Configuration, List<Double>> realistic = new EnumMap<>(Configuration.class);
    try (OtlpSink sink = new OtlpSink()) {
      Configuration.Tools tools = options.tools(sink.endpoint());
      Child.interleaved(
          options.rounds,
          MEASURED,
          configuration -> {
            for (String line :
                Child.run(
                    configuration,
                    tools,
                    options.work,
                    List.of("-Xmx256m"),
                    List.of("call-loop"),
                    Child.LineListener.ignore())) {
              String[] words = line.split(" ");
              Map<Configuration, List<Double>> into =
                  words[0].equals("trivial") ? trivial : realistic;
              into.computeIfAbsent(configuration, c -> new ArrayList<>())
                  .add(Double.parseDouble(words[1]));
            }
          });
      System.err.printf("the OTLP sink received %d export requests%n", sink.requests());
    }
    table("trivial export (returns its argument)", trivial);
    table("realistic export (checksum loop of 2,000 iterations, one host call)", realistic);
    return 0;
  }

  private static void table(String title, Map<Configuration, List<Double>> results) {
    System.out.printf("%n%s%n%n", title);
    ResultTable.print("ns per call", results);
  }
}
