package dev.wasmlens.bench;

import java.util.List;
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
    Measurements perCall = new Measurements();
    try (OtlpSink sink = new OtlpSink()) {
      Configuration.Tools tools = options.tools(sink.endpoint());
      Child.interleaved(
          options.rounds,
          MEASURED,
          configuration ->
              perCall.addLines(
                  configuration,
                  Child.run(
                      configuration,
                      tools,
                      options.work,
                      List.of("-Xmx256m"),
                      List.of("call-loop"),
                      Child.LineListener.ignore()),
                  1));
      System.err.printf("the OTLP sink received %d export requests%n", sink.requests());
    }
    perCall.print(
        measure ->
            measure.equals("trivial")
                ? "trivial export (returns its argument)"
                : "realistic export (checksum loop of 2,000 iterations, one host call)",
        "ns per call");
    return 0;
  }
}
