package dev.wasmlens.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Heap the agent keeps: the heap in use after full collections, stage by stage ({@link
 * RetainedHeap}: a million calls over four threads, then 100,000 stores created and disposed of),
 * with and without the agent. Flat stages mean nothing accumulates per call or per store.
 */
@Command(
    name = "memory",
    mixinStandardHelpOptions = true,
    description = "Heap retained after many calls and many stores, with and without the agent.")
final class RetainedHeapCommand implements Callable<Integer> {
  private static final List<Configuration> MEASURED =
      List.of(Configuration.BARE, Configuration.JFR, Configuration.SPANS_OTLP);

  @Mixin CommonOptions options;

  @Override
  public Integer call() throws Exception {
    // stage -> configuration -> MiB per round
    Map<String, Map<Configuration, List<Double>>> stages = new LinkedHashMap<>();
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
                    List.of("retained-heap"),
                    Child.LineListener.ignore())) {
              String[] words = line.split(" ");
              stages
                  .computeIfAbsent(words[0], s -> new EnumMap<>(Configuration.class))
                  .computeIfAbsent(configuration, c -> new ArrayList<>())
                  .add(Long.parseLong(words[1]) / (1024.0 * 1024));
            }
          });
    }
    stages.forEach(
        (stage, results) -> {
          System.out.printf("%nafter %s%n%n", stage);
          ResultTable.print("heap used, MiB", results);
        });
    return 0;
  }
}
