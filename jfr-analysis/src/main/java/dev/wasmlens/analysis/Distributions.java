package dev.wasmlens.analysis;

import dev.wasmlens.analysis.attribution.Context;
import dev.wasmlens.analysis.read.CountedCalls;
import dev.wasmlens.analysis.read.WasmOperation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;

/**
 * Latency distributions per phase, and per phase, module and name, in HdrHistogram (3 significant
 * digits). Not thread-safe: one per file while reading, then {@linkplain #add merged} per service.
 */
public final class Distributions {
  /** The phase column of the requests' row. */
  public static final String REQUEST = "request";

  private static final int SIGNIFICANT_DIGITS = 3;

  /**
   * The share of a row's counted calls its events must hold to stay the row's source. A recording
   * that selects calls keeps a few percent of a busy export's as events; one that keeps every call
   * (a diagnosis) can still hold fewer events than its histograms counted, where the recording's
   * maximum size or age dropped a chunk and an interval's histogram outlived some of its calls.
   * There the events are the truer distribution: their durations are the ones the tail is cut by (a
   * diagnosis reads the CPU and scheduler clocks inside each event, so its events last longer than
   * the histograms' durations, which a tail threshold from the histograms would fall below).
   */
  static final double EVENTS_STAND_FOR_ALL = 0.5;

  /** The percentiles every row shows. */
  private static final double[] ROW_PERCENTILES = {50, 90, 99, 99.9};

  private final Map<WasmOperation.Phase, Histogram> byPhase = new TreeMap<>();
  private final Map<String, Histogram> byOperation = new TreeMap<>();

  /** The phases the agent's histograms may count: calls and host calls. */
  public static final List<WasmOperation.Phase> COUNTED_PHASES =
      List.of(WasmOperation.Phase.CALL, WasmOperation.Phase.HOST_CALL);

  /**
   * The events' own distribution of each row (calls: module and export; host calls: import) that
   * the agent's histograms gave ({@link #useCountedCalls}), by phase: what the tail can hold of
   * those calls.
   */
  private final Map<WasmOperation.Phase, Map<String, Histogram>> eventsOfCountedRows =
      new EnumMap<>(WasmOperation.Phase.class);

  /** The same, without first uses: the usual duration a first use is compared with. */
  private final Map<String, Histogram> warmByOperation = new TreeMap<>();

  private final LatencyOverTime overTime = new LatencyOverTime();

  /** Requests' wasm time ({@link dev.wasmlens.analysis.request.Request#wasmNanos()}). */
  private final Histogram requests = new Histogram(SIGNIFICANT_DIGITS);

  /** Counts one operation. */
  public void record(WasmOperation operation) {
    overTime.record(operation);
    long nanos = Math.max(0, operation.durationNanos());
    byPhase
        .computeIfAbsent(operation.phase(), p -> new Histogram(SIGNIFICANT_DIGITS))
        .recordValue(nanos);
    byOperation
        .computeIfAbsent(Context.key(operation), k -> new Histogram(SIGNIFICANT_DIGITS))
        .recordValue(nanos);
    if (!operation.firstUse()) {
      warmByOperation
          .computeIfAbsent(Context.key(operation), k -> new Histogram(SIGNIFICANT_DIGITS))
          .recordValue(nanos);
    }
  }

  /**
   * Takes the calls the agent's histograms counted ({@code wasmlens.CallHistogram}, {@code
   * wasmlens.HostCallHistogram}) as the distribution of each module and export, and each import,
   * whose events hold less than {@link #EVENTS_STAND_FOR_ALL} of its counted calls (a recording
   * that keeps only some calls as events), and the phase's distribution with them. The events stay
   * the source wherever they hold every call. Once per file, after its operations are recorded;
   * returns what the report should say of it, a line per phase that changed.
   */
  public List<String> useCountedCalls(List<CountedCalls> counted, long unreadable) {
    List<String> lines = new ArrayList<>();
    for (WasmOperation.Phase phase : COUNTED_PHASES) {
      String line = useCountedCalls(phase, counted);
      if (line != null) {
        lines.add(line);
      }
    }
    if (unreadable > 0) {
      lines.add(unreadable + " call histograms could not be read");
    }
    return lines;
  }

  private String useCountedCalls(WasmOperation.Phase phase, List<CountedCalls> counted) {
    Map<String, Histogram> byKey = new TreeMap<>();
    for (CountedCalls interval : counted) {
      if (interval.phase() == phase) {
        String key = Context.key(phase, interval.module(), interval.name());
        byKey.computeIfAbsent(key, k -> new Histogram(SIGNIFICANT_DIGITS)).add(interval.calls());
      }
    }
    long countedCalls = 0;
    long callEvents = 0;
    Map<String, Histogram> eventsOfRows =
        eventsOfCountedRows.computeIfAbsent(phase, p -> new TreeMap<>());
    for (Map.Entry<String, Histogram> entry : byKey.entrySet()) {
      Histogram fromEvents = byOperation.get(entry.getKey());
      long events = fromEvents == null ? 0 : fromEvents.getTotalCount();
      if (events >= entry.getValue().getTotalCount() * EVENTS_STAND_FOR_ALL) {
        continue;
      }
      Histogram phaseHistogram =
          byPhase.computeIfAbsent(phase, p -> new Histogram(SIGNIFICANT_DIGITS));
      if (fromEvents != null) {
        phaseHistogram.subtract(fromEvents);
      }
      phaseHistogram.add(entry.getValue());
      byOperation.put(entry.getKey(), entry.getValue());
      eventsOfRows.put(
          entry.getKey(), fromEvents == null ? new Histogram(SIGNIFICANT_DIGITS) : fromEvents);
      countedCalls += entry.getValue().getTotalCount();
      callEvents += events;
    }
    if (countedCalls == 0) {
      return null;
    }
    return String.format(
        "%ss: %d counted by the agent's %s histograms, %d of them recorded as events: the %s"
            + " rows and percentiles are of all %d, the tail and its causes only of the %d"
            + " events",
        phase.label(),
        countedCalls,
        phase.label(),
        callEvents,
        phase.label(),
        countedCalls,
        callEvents);
  }

  /**
   * What the report should say when the events of {@code phase} (calls or host calls) do not hold
   * every call of its tail: the agent keeps a call as an event only from its recent p95, and at
   * least 100 us, so a tail that starts below that holds calls the histograms counted but no event
   * describes. Counts only calls certainly at or above {@code thresholdNanos} (in histogram buckets
   * that start there or above). Null when the events hold the tail.
   */
  public String tailNotAllEvents(WasmOperation.Phase phase, long thresholdNanos) {
    long counted = 0;
    long events = 0;
    for (Map.Entry<String, Histogram> entry :
        eventsOfCountedRows.getOrDefault(phase, Map.of()).entrySet()) {
      Histogram all = byOperation.get(entry.getKey());
      // The first bucket every value of which is at or above the threshold.
      long certainlyInTail =
          all.lowestEquivalentValue(thresholdNanos) == thresholdNanos
              ? thresholdNanos
              : all.nextNonEquivalentValue(thresholdNanos);
      if (all.getMaxValue() < certainlyInTail) {
        continue;
      }
      long countedInTail = all.getCountBetweenValues(certainlyInTail, all.getMaxValue());
      Histogram fromEvents = entry.getValue();
      long eventsInTail =
          fromEvents.getTotalCount() == 0 || fromEvents.getMaxValue() < thresholdNanos
              ? 0
              : fromEvents.getCountBetweenValues(thresholdNanos, fromEvents.getMaxValue());
      counted += countedInTail;
      events += Math.min(eventsInTail, countedInTail);
    }
    if (events >= counted) {
      return null;
    }
    return String.format(
        "%ss: the tail (from %.1f us) holds at least %d calls by the agent's %s histograms,"
            + " %d of them recorded as events (%.0f%%): the agent keeps a call as an event from its"
            + " recent p95 and at least 100 us, so the tail's causes are of those %d only;"
            + " for all of it, ask for a higher --percentile or record with"
            + " wasmlens.diagnosis=true",
        phase.label(),
        thresholdNanos / 1e3,
        counted,
        phase.label(),
        events,
        100.0 * events / counted,
        events);
  }

  /** Adds everything {@code other} counted: recordings of one service, merged. */
  public void add(Distributions other) {
    // Where one side's events hold every call of a row, its row is its events.
    for (WasmOperation.Phase phase : COUNTED_PHASES) {
      Map<String, Histogram> mine = eventsOfCountedRows.getOrDefault(phase, Map.of());
      Map<String, Histogram> theirs = other.eventsOfCountedRows.getOrDefault(phase, Map.of());
      Set<String> countedRows = new TreeSet<>(mine.keySet());
      countedRows.addAll(theirs.keySet());
      Map<String, Histogram> merged = new TreeMap<>();
      for (String key : countedRows) {
        Histogram events = new Histogram(SIGNIFICANT_DIGITS);
        addIfPresent(events, mine.getOrDefault(key, byOperation.get(key)));
        addIfPresent(events, theirs.getOrDefault(key, other.byOperation.get(key)));
        merged.put(key, events);
      }
      eventsOfCountedRows.put(phase, merged);
    }
    other.byPhase.forEach(
        (phase, h) ->
            byPhase.computeIfAbsent(phase, p -> new Histogram(SIGNIFICANT_DIGITS)).add(h));
    other.byOperation.forEach(
        (key, h) ->
            byOperation.computeIfAbsent(key, k -> new Histogram(SIGNIFICANT_DIGITS)).add(h));
    other.warmByOperation.forEach(
        (key, h) ->
            warmByOperation.computeIfAbsent(key, k -> new Histogram(SIGNIFICANT_DIGITS)).add(h));
    requests.add(other.requests);
    overTime.add(other.overTime);
  }

  private static void addIfPresent(Histogram to, Histogram from) {
    if (from != null) {
      to.add(from);
    }
  }

  /** Every operation's latency second by second. */
  public LatencyOverTime overTime() {
    return overTime;
  }

  /** Counts one request's wasm time. */
  public void recordRequest(long wasmNanos) {
    requests.recordValue(Math.max(0, wasmNanos));
  }

  /** Requests counted; 0 when no operation carried a trace id. */
  public long requestCount() {
    return requests.getTotalCount();
  }

  /**
   * Requests' wasm time at {@code percentile} (0 to 100), as a threshold (see {@link
   * #percentileNanos}); 0 without requests.
   */
  public long requestPercentileNanos(double percentile) {
    return threshold(requests, percentile);
  }

  /**
   * The phase's duration at {@code percentile} (0 to 100), as a threshold: the lowest value of the
   * histogram bucket the percentile falls in, so that every operation in that bucket, and so the
   * slowest operation, is at or above it. ({@code getValueAtPercentile} gives the bucket's highest
   * value, which can lie above every operation recorded in it: 20 calls, the slowest of 44.8 ms,
   * gave a p99 just above 44.8 ms and an empty tail.) 0 when the phase has no operation.
   */
  public long percentileNanos(WasmOperation.Phase phase, double percentile) {
    Histogram histogram = byPhase.get(phase);
    return histogram == null ? 0 : threshold(histogram, percentile);
  }

  /**
   * One line per distribution of a phase (and of requests) with too few operations for {@code
   * percentile} to mean more than "the slowest": fewer than {@link #countFor} of them.
   */
  public List<String> tooFewFor(double percentile) {
    List<String> lines = new ArrayList<>();
    long needed = countFor(percentile);
    Map<String, Histogram> phases = new LinkedHashMap<>();
    byPhase.forEach((phase, histogram) -> phases.put(phase.label(), histogram));
    if (requests.getTotalCount() > 0) {
      phases.put(REQUEST, requests);
    }
    phases.forEach(
        (phase, histogram) -> {
          if (histogram.getTotalCount() < needed) {
            lines.add(
                String.format(
                    "%s: %d operations, too few for a p%s (%d needed): its tail is its slowest"
                        + " operations, not a percentile",
                    phase, histogram.getTotalCount(), percentileLabel(percentile), needed));
          }
        });
    return lines;
  }

  /**
   * The fewest operations a percentile needs to fall below the slowest: {@code 100 / (100 - p)}
   * (100 for p99, 10 for p90, 2 for the median).
   */
  public static long countFor(double percentile) {
    // The small margin keeps 100 / (100 - 99.9), which is 1000.0000000000036 in binary, at 1000.
    return (long) Math.ceil(100 / (100 - percentile) - 1e-9);
  }

  /** {@code 99}, {@code 99.9}: a percentile as reports name it. */
  public static String percentileLabel(double percentile) {
    return percentile == Math.rint(percentile)
        ? String.valueOf((long) percentile)
        : String.valueOf(percentile);
  }

  private static long threshold(Histogram histogram, double percentile) {
    return histogram.getTotalCount() == 0
        ? 0
        : histogram.lowestEquivalentValue(histogram.getValueAtPercentile(percentile));
  }

  /**
   * The median of operations that were not a first use, by {@code phase|module|name} (the key
   * attribution compares operations under); absent where every operation was a first use, as with a
   * fresh instance per request.
   */
  public Map<String, Long> warmMedians() {
    Map<String, Long> medians = new TreeMap<>();
    warmByOperation.forEach(
        (key, histogram) -> medians.put(key, histogram.getValueAtPercentile(50)));
    return medians;
  }

  /**
   * One row per phase, one for requests (their wasm time) when there are any, then one per phase,
   * module and name, most frequent first within a phase.
   */
  public List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    byPhase.forEach((phase, histogram) -> rows.add(row(phase.label(), null, null, histogram)));
    if (requests.getTotalCount() > 0) {
      rows.add(row(REQUEST, null, null, requests));
    }
    List<Row> detail = new ArrayList<>();
    byOperation.forEach(
        (key, histogram) -> {
          String[] parts = key.split("\\|", -1);
          detail.add(
              row(
                  WasmOperation.Phase.valueOf(parts[0]).label(),
                  "null".equals(parts[1]) ? null : parts[1],
                  "null".equals(parts[2]) ? null : parts[2],
                  histogram));
        });
    detail.sort(
        Comparator.comparing(Row::phase)
            .thenComparing(Comparator.comparingLong(Row::count).reversed()));
    rows.addAll(detail);
    return rows;
  }

  private static Row row(String phase, String module, String name, Histogram histogram) {
    List<String> tooFewFor = new ArrayList<>();
    for (double percentile : ROW_PERCENTILES) {
      if (histogram.getTotalCount() < countFor(percentile)) {
        tooFewFor.add("p" + percentileLabel(percentile));
      }
    }
    return new Row(
        phase,
        module,
        name,
        histogram.getTotalCount(),
        histogram.getValueAtPercentile(50),
        histogram.getValueAtPercentile(90),
        histogram.getValueAtPercentile(99),
        histogram.getValueAtPercentile(99.9),
        histogram.getMaxValue(),
        List.copyOf(tooFewFor));
  }

  /**
   * A distribution; {@code module} and {@code name} are null on a phase's own row. Nanoseconds.
   *
   * @param tooFewFor the row's percentiles ({@code p90}, {@code p99}, {@code p99.9}) that its count
   *     is too small for (see {@link #countFor}): they only repeat the slowest operations
   */
  public record Row(
      String phase,
      String module,
      String name,
      long count,
      long p50Nanos,
      long p90Nanos,
      long p99Nanos,
      long p999Nanos,
      long maxNanos,
      List<String> tooFewFor) {
    /** Whether the row has enough operations for {@code label} ({@code p99}). */
    public boolean supports(String label) {
      return !tooFewFor.contains(label);
    }
  }
}
