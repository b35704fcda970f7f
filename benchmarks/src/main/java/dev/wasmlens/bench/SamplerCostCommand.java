package dev.wasmlens.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The thread sampler's own CPU, read from diagnosis recordings: the sampler samples itself, so its
 * {@code wasmlens.ThreadSample} events (kernel name {@code wasmlens-sample}) hold what it cost. Per
 * recording: the period (the median interval between its own samples), its CPU time over the span
 * of its samples, and the same without the first seconds (class loading and JIT of its own code).
 */
@Command(
    name = "sampler-cost",
    mixinStandardHelpOptions = true,
    description = "The thread sampler's own CPU, read from diagnosis recordings.")
final class SamplerCostCommand implements Callable<Integer> {
  /** The kernel's name of the sampler thread, {@code wasmlens-sampler} cut to 15 characters. */
  static final String SAMPLER_KERNEL_NAME = "wasmlens-sample";

  @Parameters(paramLabel = "RECORDING", arity = "1..*", description = "Diagnosis recordings.")
  List<Path> recordings;

  @Option(
      names = "--skip-seconds",
      defaultValue = "3",
      description = "Leave out the sampler's first seconds for the steady figure (default: 3).")
  double skipSeconds;

  @Override
  public Integer call() {
    System.out.println(
        "| recording | period | sampler CPU | over | of one core | after the first "
            + skipSeconds
            + " s |");
    System.out.println("|---|---|---|---|---|---|");
    int failed = 0;
    for (Path recording : recordings) {
      try {
        List<long[]> own = ownSamples(recording);
        if (own.size() < 3) {
          System.err.println(recording + ": no thread sampler in this recording (cpu-time=all?)");
          failed++;
          continue;
        }
        long first = own.get(0)[0];
        long last = own.get(own.size() - 1)[2];
        long skipUntil = first + (long) (skipSeconds * 1e9);
        long cpu = 0;
        long steadyCpu = 0;
        List<Long> intervals = new ArrayList<>();
        for (int i = 0; i < own.size(); i++) {
          cpu += own.get(i)[1];
          if (own.get(i)[0] >= skipUntil) {
            steadyCpu += own.get(i)[1];
          }
          if (i > 0) {
            intervals.add(own.get(i)[0] - own.get(i - 1)[0]);
          }
        }
        intervals.sort(null);
        double span = (last - first) / 1e9;
        double steadySpan = (last - skipUntil) / 1e9;
        System.out.printf(
            "| %s | %.0f ms | %.1f ms | %.1f s | %.2f%% | %s |%n",
            recording.getFileName(),
            intervals.get(intervals.size() / 2) / 1e6,
            cpu / 1e6,
            span,
            100 * cpu / 1e9 / span,
            steadySpan > 0 ? String.format("%.2f%%", 100 * steadyCpu / 1e9 / steadySpan) : "n/a");
      } catch (IOException | RuntimeException e) {
        System.err.println(recording + ": not a readable JFR recording (" + e.getMessage() + ")");
        failed++;
      }
    }
    return failed == 0 ? 0 : 1;
  }

  /**
   * The sampler's samples of itself: start (epoch nanoseconds), CPU nanoseconds and end, in order.
   */
  private static List<long[]> ownSamples(Path recording) throws IOException {
    List<long[]> own = new ArrayList<>();
    try (RecordingFile file = new RecordingFile(recording)) {
      while (file.hasMoreEvents()) {
        RecordedEvent event = file.readEvent();
        if (event.getEventType().getName().equals("wasmlens.ThreadSample")
            && SAMPLER_KERNEL_NAME.equals(event.getString("threadName"))) {
          own.add(
              new long[] {
                nanos(event.getStartTime()), event.getLong("cpuTime"), nanos(event.getEndTime())
              });
        }
      }
    }
    own.sort((a, b) -> Long.compare(a[0], b[0]));
    return own;
  }

  private static long nanos(Instant instant) {
    return Duration.between(Instant.EPOCH, instant).toNanos();
  }
}
