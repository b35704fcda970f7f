package dev.wasmlens.bench;

import java.util.List;
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
    Measurements stages =
        Child.measureLines(
            options, MEASURED, List.of("-Xmx256m"), List.of("retained-heap"), 1.0 / (1024 * 1024));
    stages.print(stage -> "after " + stage, "heap used, MiB");
    return 0;
  }
}
