package dev.wasmlens.analysis;

import dev.wasmlens.analysis.attribution.Attributed;
import dev.wasmlens.analysis.attribution.AttributedOperation;
import dev.wasmlens.analysis.attribution.AttributedRequest;
import dev.wasmlens.analysis.attribution.Attributor;
import dev.wasmlens.analysis.attribution.Cause;
import dev.wasmlens.analysis.attribution.Context;
import dev.wasmlens.analysis.attribution.CpuActivity;
import dev.wasmlens.analysis.attribution.RequestAttributor;
import dev.wasmlens.analysis.attribution.Share;
import dev.wasmlens.analysis.read.ChunkFraming;
import dev.wasmlens.analysis.read.Interval;
import dev.wasmlens.analysis.read.RecordingScan;
import dev.wasmlens.analysis.read.StallGuard;
import dev.wasmlens.analysis.read.TimeWindow;
import dev.wasmlens.analysis.read.WasmOperation;
import dev.wasmlens.analysis.request.Request;
import dev.wasmlens.analysis.request.RequestGrouper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
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
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Analyzes recordings in two passes over each file, so that memory holds the tail and its context,
 * never the whole recording: the first builds the latency distributions, merged per service, and
 * sets the tail thresholds, the second keeps the operations above them and attributes each to its
 * causes with the JVM events of the same file. Files are read in parallel, one per core. Operations
 * that carry a trace id are also grouped into requests (see {@link RequestGrouper}), whose wasm
 * time gets its own distribution and tail.
 */
public final class Analyzer {
  /** The service of recordings whose agent did not name one. */
  public static final String UNKNOWN_SERVICE = "unknown service";

  /** The slowest operations per file whose surroundings the timeline shows. */
  static final int TIMELINE_OPERATIONS = 20;

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

  /** The recordings among {@code inputs}: files as given, folders searched for {@code *.jfr}. */
  public static List<Path> recordings(List<Path> inputs, List<String> problems) {
    List<Path> files = new ArrayList<>();
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        try (Stream<Path> found = Files.walk(input)) {
          List<Path> jfr =
              found
                  .filter(p -> p.toString().endsWith(".jfr"))
                  .sorted()
                  .collect(Collectors.toList());
          if (jfr.isEmpty()) {
            problems.add(input + ": no .jfr files in this folder");
          }
          files.addAll(jfr);
        } catch (IOException e) {
          problems.add(input + ": cannot list the folder (" + e.getMessage() + ")");
        }
      } else if (!Files.isReadable(input)) {
        problems.add(input + ": no such file, or not readable");
      } else {
        files.add(input);
      }
    }
    return files;
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
    ExecutorService readers =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(files.size(), Runtime.getRuntime().availableProcessors())),
            runnable -> {
              Thread thread = new Thread(runnable, "wasmlens-analyze-reader");
              thread.setDaemon(true);
              return thread;
            });
    try {
      Map<String, List<Measured>> services = new TreeMap<>();
      for (Measured measured : all(readers, files, file -> measure(file, progress))) {
        if (measured.problem() != null) {
          problems.add(measured.problem());
        } else {
          services.computeIfAbsent(measured.service(), s -> new ArrayList<>()).add(measured);
        }
      }
      List<Analysis> analyses = new ArrayList<>();
      for (Map.Entry<String, List<Measured>> service : services.entrySet()) {
        analyses.add(
            analyzeService(service.getKey(), service.getValue(), readers, problems, progress));
      }
      return analyses;
    } finally {
      readers.shutdownNow();
    }
  }

  /** The second pass over one service's files, with the thresholds of the service as a whole. */
  private Analysis analyzeService(
      String service,
      List<Measured> files,
      ExecutorService readers,
      List<String> problems,
      Consumer<String> progress) {
    Distributions distributions = new Distributions();
    List<String> warnings = new ArrayList<>();
    Set<String> hosts = new TreeSet<>();
    for (Measured file : files) {
      distributions.add(file.distributions());
      warnings.addAll(file.warnings());
      if (file.host() != null) {
        hosts.add(file.host());
      }
    }
    Map<String, Long> thresholds = new LinkedHashMap<>();
    for (WasmOperation.Phase phase : WasmOperation.Phase.values()) {
      long threshold =
          thresholdNanos >= 0 ? thresholdNanos : distributions.percentileNanos(phase, percentile);
      thresholds.put(phase.label(), threshold);
    }
    if (thresholdNanos < 0) {
      warnings.addAll(distributions.tooFewFor(percentile));
    }
    long requestThreshold =
        distributions.requestCount() == 0
            ? 0
            : thresholdNanos >= 0
                ? thresholdNanos
                : distributions.requestPercentileNanos(percentile);
    Map<String, Long> medians = distributions.warmMedians();
    List<AttributedOperation> tail = new ArrayList<>();
    List<AttributedRequest> slowRequests = new ArrayList<>();
    Analysis.Timeline timeline =
        new Analysis.Timeline(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    List<Path> paths = files.stream().map(Measured::file).collect(Collectors.toList());
    for (Explained explained :
        all(
            readers,
            paths,
            file -> explain(file, thresholds, requestThreshold, medians, progress))) {
      if (explained.problem() != null) {
        problems.add(explained.problem());
        continue;
      }
      tail.addAll(explained.tail());
      slowRequests.addAll(explained.requests());
      addToTimeline(timeline, explained.timeline());
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
        thresholds,
        tail,
        totals(tail),
        requestThreshold,
        slowRequests,
        totals(slowRequests),
        timeline);
  }

  /** The first pass over one file: its distributions, service and settings warnings. */
  private Measured measure(Path file, Consumer<String> progress) {
    try {
      Distributions distributions = new Distributions();
      RequestGrouper grouper =
          new RequestGrouper(false, request -> distributions.recordRequest(request.wasmNanos()));
      long[] callsWithoutCpuTime = {0};
      long[] callsWithoutRunQueueWait = {0};
      long[] callsWithRunQueueWait = {0};
      RecordingScan scan =
          scan(
              file,
              1,
              operation -> {
                distributions.record(operation);
                grouper.accept(operation);
                if (operation.phase() == WasmOperation.Phase.CALL) {
                  if (operation.cpuNanos() < 0) {
                    callsWithoutCpuTime[0]++;
                  } else if (operation.runQueueNanos() < 0) {
                    callsWithoutRunQueueWait[0]++;
                  } else {
                    callsWithRunQueueWait[0]++;
                  }
                }
              },
              operation -> false,
              progress);
      grouper.finish();
      if (scan.wasmEvents() == 0) {
        return Measured.problem(
            file
                + ": no wasmlens events ("
                + scan.events()
                + " other events): was the agent attached?");
      }
      if (scan.operationsInWindow() == 0) {
        return Measured.problem(file + ": " + scan.window().nothingIn(scan.span()));
      }
      List<String> warnings = new ArrayList<>();
      SettingsCheck.warnings(scan.settings())
          .forEach(w -> warnings.add(file.getFileName() + ": " + w));
      if (callsWithoutCpuTime[0] > 0) {
        warnings.add(
            file.getFileName() + ": " + SettingsCheck.callsWithoutCpuTime(callsWithoutCpuTime[0]));
      }
      if (callsWithoutRunQueueWait[0] > 0) {
        warnings.add(
            file.getFileName()
                + ": "
                + SettingsCheck.callsWithoutRunQueueWait(callsWithoutRunQueueWait[0]));
      }
      if (callsWithRunQueueWait[0] > 0 && !scan.hasThreadSamples()) {
        warnings.add(file.getFileName() + ": " + SettingsCheck.noThreadSamples());
      }
      return new Measured(
          file,
          distributions,
          scan.serviceName() == null ? UNKNOWN_SERVICE : scan.serviceName(),
          scan.hostName(),
          warnings,
          null);
    } catch (IOException | RuntimeException | InternalError e) {
      return Measured.problem(file + ": " + describe(e));
    }
  }

  /** The second pass over one file: its tail operations and slow requests, attributed. */
  private Explained explain(
      Path file,
      Map<String, Long> thresholds,
      long requestThreshold,
      Map<String, Long> medians,
      Consumer<String> progress) {
    try {
      List<Request> requests = new ArrayList<>();
      RequestGrouper grouper =
          new RequestGrouper(
              true,
              request -> {
                if (requestThreshold > 0 && request.wasmNanos() >= requestThreshold) {
                  requests.add(request);
                }
              });
      RecordingScan scan =
          scan(
              file,
              2,
              grouper::accept,
              operation ->
                  operation.durationNanos() > 0
                      && operation.durationNanos() >= thresholds.get(operation.phase().label()),
              progress);
      grouper.finish();
      Attributor attributor =
          new Attributor(
              new Context(
                  scan.pauses(),
                  scan.lockWaits(),
                  scan.compilations(),
                  scan.deoptimizations(),
                  scan.cpuLoad(),
                  medians,
                  scan.lockHolders(),
                  new CpuActivity(
                      scan.threadActivity(),
                      scan.machineActivity(),
                      scan.javaThreads(),
                      scan.knowsEveryJavaThread())));
      RequestAttributor requestAttributor = new RequestAttributor(attributor);
      return new Explained(
          scan.operations().stream().map(attributor::attribute).collect(Collectors.toList()),
          requests.stream().map(requestAttributor::attribute).collect(Collectors.toList()),
          timeline(scan),
          null);
    } catch (IOException | RuntimeException | InternalError e) {
      return new Explained(List.of(), List.of(), null, file + ": " + describe(e));
    }
  }

  /**
   * Runs {@code work} on every file with {@code readers}, and returns the results in file order.
   */
  private static <T> List<T> all(
      ExecutorService readers, List<Path> files, Function<Path, T> work) {
    List<Future<T>> futures = new ArrayList<>();
    for (Path file : files) {
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
      // measure and explain turn every failure into a problem line; an Error is left to surface.
      throw new IllegalStateException(e.getCause());
    }
    return results;
  }

  /** One file after the first pass: a problem, or its distributions and where it comes from. */
  private record Measured(
      Path file,
      Distributions distributions,
      String service,
      String host,
      List<String> warnings,
      String problem) {
    static Measured problem(String problem) {
      return new Measured(null, null, null, null, List.of(), problem);
    }
  }

  /** One file after the second pass: a problem, or its attributed tail and timeline. */
  private record Explained(
      List<AttributedOperation> tail,
      List<AttributedRequest> requests,
      Analysis.Timeline timeline,
      String problem) {}

  /** The JVM events from the start of this file's slowest operations to the end of them. */
  private static Analysis.Timeline timeline(RecordingScan scan) {
    Analysis.Timeline timeline =
        new Analysis.Timeline(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    List<WasmOperation> slowest =
        scan.operations().stream()
            .sorted(Comparator.comparingLong(WasmOperation::durationNanos).reversed())
            .limit(TIMELINE_OPERATIONS)
            .collect(Collectors.toList());
    if (slowest.isEmpty()) {
      return timeline;
    }
    long from = slowest.stream().mapToLong(WasmOperation::startNanos).min().getAsLong();
    long to = slowest.stream().mapToLong(WasmOperation::endNanos).max().getAsLong();
    keep(timeline.pauses(), scan.pauses(), from, to);
    keep(timeline.compilations(), scan.compilations(), from, to);
    // Only waits inside the slow operations, on their threads: an idle request thread parks between
    // requests.
    List<Interval> waits =
        scan.lockWaits().stream()
            .filter(
                w ->
                    slowest.stream()
                        .anyMatch(
                            o ->
                                o.threadId() == w.threadId()
                                    && w.overlap(o.startNanos(), o.endNanos()) > 0))
            .collect(Collectors.toList());
    keep(timeline.lockWaits(), waits, from, to);
    return timeline;
  }

  private static void addToTimeline(Analysis.Timeline timeline, Analysis.Timeline file) {
    keep(timeline.pauses(), file.pauses(), Long.MIN_VALUE, Long.MAX_VALUE);
    keep(timeline.compilations(), file.compilations(), Long.MIN_VALUE, Long.MAX_VALUE);
    keep(timeline.lockWaits(), file.lockWaits(), Long.MIN_VALUE, Long.MAX_VALUE);
  }

  private static void keep(List<Interval> kept, List<Interval> intervals, long from, long to) {
    for (Interval interval : intervals) {
      if (kept.size() >= Analysis.MAX_TIMELINE_INTERVALS) {
        return;
      }
      if (interval.endNanos() >= from && interval.startNanos() <= to) {
        kept.add(interval);
      }
    }
  }

  private static Map<Cause, Analysis.CauseTotal> totals(List<? extends Attributed> tail) {
    Map<Cause, Long> nanos = new EnumMap<>(Cause.class);
    Map<Cause, Long> main = new EnumMap<>(Cause.class);
    long total = 0;
    for (Attributed operation : tail) {
      for (Share share : operation.shares()) {
        nanos.merge(share.cause(), share.nanos(), Long::sum);
        total += share.nanos();
      }
      main.merge(operation.mainCause(), 1L, Long::sum);
    }
    Map<Cause, Analysis.CauseTotal> totals = new EnumMap<>(Cause.class);
    for (Cause cause : Cause.values()) {
      long time = nanos.getOrDefault(cause, 0L);
      long count = main.getOrDefault(cause, 0L);
      totals.put(
          cause,
          new Analysis.CauseTotal(
              time,
              total == 0 ? 0 : (double) time / total,
              count,
              tail.isEmpty() ? 0 : (double) count / tail.size()));
    }
    return totals;
  }

  /** One of the two passes over {@code file}, announced and with progress. */
  private RecordingScan scan(
      Path file,
      int pass,
      Consumer<WasmOperation> everyOperation,
      Predicate<WasmOperation> keep,
      Consumer<String> progress)
      throws IOException {
    progress.accept("reading " + file + " (pass " + pass + " of 2)");
    return StallGuard.run(
        "wasmlens-analyze-reader " + file.getFileName(),
        stallLimit,
        heartbeat -> {
          if (pass == 1) {
            ChunkFraming.check(file, heartbeat);
          }
          return RecordingScan.read(
              file,
              window,
              heartbeat,
              everyOperation,
              keep,
              (events, fraction) ->
                  progress.accept(
                      String.format(
                          "  %s pass %d: %s%.1f million events",
                          file.getFileName(),
                          pass,
                          fraction < 0 ? "" : String.format("%.0f%%, ", 100 * fraction),
                          events / 1e6)),
              RecordingScan.PROGRESS_EVENTS);
        });
  }

  /**
   * One line about why a file could not be read. The JDK's parser throws {@link InternalError} on
   * some corrupt files, so that is caught too.
   */
  static String describe(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return "not a readable JFR recording (" + message.lines().findFirst().orElse(message) + ")";
  }
}
