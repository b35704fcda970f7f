package dev.wasmlens.analysis;

import dev.wasmlens.analysis.attribution.AttributedOperation;
import dev.wasmlens.analysis.attribution.AttributedRequest;
import dev.wasmlens.analysis.read.TimeWindow;
import dev.wasmlens.analysis.read.WasmOperation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Analyzes recordings, usually in one read of each file, so that memory holds the tail and its
 * context, never the whole recording: the read ({@link MeasurePass}) builds the latency
 * distributions, merged per service, from which {@link TailThresholds} follow, and keeps each
 * phase's slowest operations and the evidence that can explain them; then ({@link ExplainPass}) the
 * operations above the thresholds are attributed to their causes with the evidence of the same
 * file. A file whose kept operations turn out not to hold its whole tail is read a second time for
 * it. Files are read in parallel, one per core. Operations that carry a trace id are also grouped
 * into requests, whose wasm time gets its own distribution and tail.
 */
public final class Analyzer {
  /** How long a read may go without reading an event before it is given up as stuck. */
  public static final Duration DEFAULT_STALL_LIMIT = Duration.ofSeconds(60);

  private final double percentile;
  private final long thresholdNanos;
  private final TimeWindow window;
  private final Duration stallLimit;

  /**
   * The whole of every recording, reads given up after {@link #DEFAULT_STALL_LIMIT}.
   *
   * @param percentile the tail starts at this percentile of each phase (0 to 100, exclusive of 0)
   * @param thresholdNanos an absolute threshold instead; -1 to use the percentile
   */
  public Analyzer(double percentile, long thresholdNanos) {
    this(percentile, thresholdNanos, TimeWindow.ALL, DEFAULT_STALL_LIMIT);
  }

  /**
   * @param window the part of each recording to analyze, in both passes
   * @param stallLimit a read of a file that reads no event for this long is given up (a corrupt
   *     file the JDK's parser loops on) and the file becomes a problem line
   */
  public Analyzer(double percentile, long thresholdNanos, TimeWindow window, Duration stallLimit) {
    this.percentile = percentile;
    this.thresholdNanos = thresholdNanos;
    this.window = window;
    this.stallLimit = stallLimit;
  }

  /**
   * Analyzes {@code files}, several at a time, merged per service: a file that cannot be read
   * becomes a problem line and the others go on. {@code progress} may be called from several
   * threads.
   *
   * @return one analysis per service (the agent's status event names it), by name
   */
  public List<Analysis> analyze(
      List<Path> files, List<String> problems, Consumer<String> progress) {
    RecordingPass reading = new RecordingPass(window, stallLimit, progress);
    ExecutorService readers =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(files.size(), Runtime.getRuntime().availableProcessors())),
            runnable -> {
              Thread thread = new Thread(runnable, "wasmlens-analyze-reader");
              thread.setDaemon(true);
              return thread;
            });
    try {
      Map<String, List<MeasurePass.Measured>> services = new TreeMap<>();
      for (MeasurePass.Measured measured :
          all(
              readers,
              files,
              file ->
                  MeasurePass.measure(
                      file, reading, new FileTailCandidates(percentile, thresholdNanos)))) {
        if (measured.problem() != null) {
          problems.add(measured.problem());
        } else {
          services.computeIfAbsent(measured.service(), s -> new ArrayList<>()).add(measured);
        }
      }
      List<Analysis> analyses = new ArrayList<>();
      for (Map.Entry<String, List<MeasurePass.Measured>> service : services.entrySet()) {
        analyses.add(
            analyzeService(service.getKey(), service.getValue(), readers, reading, problems));
      }
      return analyses;
    } finally {
      readers.shutdownNow();
    }
  }

  /** The second pass over one service's files, with the thresholds of the service as a whole. */
  private Analysis analyzeService(
      String service,
      List<MeasurePass.Measured> files,
      ExecutorService readers,
      RecordingPass reading,
      List<String> problems) {
    Distributions distributions = new Distributions();
    List<String> warnings = new ArrayList<>();
    Set<String> hosts = new TreeSet<>();
    for (MeasurePass.Measured file : files) {
      distributions.add(file.distributions());
      warnings.addAll(file.warnings());
      if (file.host() != null) {
        hosts.add(file.host());
      }
    }
    TailThresholds thresholds =
        TailThresholds.of(distributions, percentile, thresholdNanos, warnings);
    for (WasmOperation.Phase phase : Distributions.COUNTED_PHASES) {
      String tail = distributions.tailNotAllEvents(phase, thresholds.nanos(phase));
      if (tail != null) {
        warnings.add(tail);
      }
    }
    Map<String, Long> medians = distributions.warmMedians();
    List<AttributedOperation> tail = new ArrayList<>();
    List<AttributedRequest> slowRequests = new ArrayList<>();
    TimelineBuilder timeline = new TimelineBuilder();
    List<Path> paths = files.stream().map(MeasurePass.Measured::file).collect(Collectors.toList());
    for (ExplainPass.Explained explained :
        all(readers, files, file -> ExplainPass.explain(file, thresholds, medians, reading))) {
      if (explained.problem() != null) {
        problems.add(explained.problem());
        continue;
      }
      tail.addAll(explained.tail());
      slowRequests.addAll(explained.requests());
      timeline.add(explained.timeline());
    }
    tail.sort(
        Comparator.comparingLong((AttributedOperation a) -> a.operation().durationNanos())
            .reversed());
    slowRequests.sort(
        Comparator.comparingLong((AttributedRequest a) -> a.request().wasmNanos()).reversed());
    return new Analysis(
        service,
        List.copyOf(hosts),
        paths.stream().map(Path::toString).collect(Collectors.toList()),
        problems,
        warnings,
        percentile,
        distributions.rows(),
        distributions.overTime().points(),
        thresholds.byLabel(),
        tail,
        CauseTotals.of(tail),
        thresholds.requestNanos(),
        slowRequests,
        CauseTotals.of(slowRequests),
        timeline.build());
  }

  /**
   * Runs {@code work} on every file with {@code readers}, and returns the results in file order.
   */
  private static <F, T> List<T> all(ExecutorService readers, List<F> files, Function<F, T> work) {
    List<Future<T>> futures = new ArrayList<>();
    for (F file : files) {
      futures.add(readers.submit(() -> work.apply(file)));
    }
    List<T> results = new ArrayList<>();
    try {
      for (Future<T> future : futures) {
        results.add(future.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading recordings", e);
    } catch (ExecutionException e) {
      // The passes turn every failure into a problem line; an Error is left to surface.
      throw new IllegalStateException(e.getCause());
    }
    return results;
  }
}
