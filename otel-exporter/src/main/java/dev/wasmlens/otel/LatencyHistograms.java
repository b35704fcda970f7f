package dev.wasmlens.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricProducer;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.Recorder;

/**
 * The per-phase latency histograms ({@code wasm.compile.duration}, {@code
 * wasm.instantiate.duration}, {@code wasm.call.duration}, {@code wasm.teardown.duration}; seconds;
 * cumulative), recorded with HdrHistogram and exported through the OpenTelemetry SDK as a {@link
 * MetricProducer}.
 *
 * <p>Recording is wait-free ({@link Recorder}, 3 significant digits, any range), which matters on
 * the call path. At each collection the interval histograms are folded into cumulative ones and cut
 * into the explicit buckets {@link #BUCKETS_SECONDS}. Attributes are low-cardinality: module,
 * export (calls only) and outcome; each series is built once per combination. Thread-safe.
 */
final class LatencyHistograms implements MetricProducer {
  /** Bucket boundaries in seconds, from 10 µs (a trivial call) to 10 s (a very large compile). */
  static final List<Double> BUCKETS_SECONDS =
      List.of(
          0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
          0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0);

  private static final int SIGNIFICANT_DIGITS = 3;
  private static final double NANOS_PER_SECOND = 1e9;
  private static final String NONE = "";
  private static final Map<WasmPhase.Kind, String[]> METRICS =
      Map.of(
          WasmPhase.Kind.COMPILE,
          new String[] {"wasm.compile.duration", "Time to compile a module"},
          WasmPhase.Kind.INSTANTIATE,
          new String[] {"wasm.instantiate.duration", "Time to instantiate a module"},
          WasmPhase.Kind.CALL,
          new String[] {"wasm.call.duration", "Time of an outermost call of an exported function"},
          WasmPhase.Kind.TEARDOWN,
          new String[] {"wasm.teardown.duration", "Time to dispose of a Wasmtime object"});

  private final InstrumentationScopeInfo scope;
  private final Clock clock;

  /** kind -> module -> export -> outcome -> series. */
  private final Map<WasmPhase.Kind, Map<String, Map<String, Map<String, Series>>>> series =
      new EnumMap<>(WasmPhase.Kind.class);

  LatencyHistograms(InstrumentationScopeInfo scope, Clock clock) {
    this.scope = scope;
    this.clock = clock;
    for (WasmPhase.Kind kind : METRICS.keySet()) {
      series.put(kind, new ConcurrentHashMap<>());
    }
  }

  /**
   * Records the phase's duration; host calls have no histogram of their own (they are inside
   * calls).
   */
  void record(WasmPhase phase) {
    record(
        phase.kind(),
        phase.module(),
        phase.kind() == WasmPhase.Kind.CALL ? phase.export() : null,
        phase.outcome(),
        phase.durationNanos());
  }

  /**
   * Records a phase of {@code kind} that took {@code nanos}; {@code export} only for calls. Once
   * its series exists, allocates nothing: the maps are looked up before anything is built.
   */
  void record(WasmPhase.Kind kind, String module, String export, String outcome, long nanos) {
    Map<String, Map<String, Map<String, Series>>> byModule = series.get(kind);
    if (byModule == null) {
      return;
    }
    String moduleKey = module == null ? NONE : module;
    String exportKey = export == null ? NONE : export;
    String outcomeKey = outcome == null ? NONE : outcome;
    Map<String, Map<String, Series>> byExport = byModule.get(moduleKey);
    if (byExport == null) {
      byExport = byModule.computeIfAbsent(moduleKey, m -> new ConcurrentHashMap<>());
    }
    Map<String, Series> byOutcome = byExport.get(exportKey);
    if (byOutcome == null) {
      byOutcome = byExport.computeIfAbsent(exportKey, e -> new ConcurrentHashMap<>());
    }
    Series one = byOutcome.get(outcomeKey);
    if (one == null) {
      one =
          byOutcome.computeIfAbsent(
              outcomeKey, o -> new Series(attributes(moduleKey, exportKey, outcomeKey), now()));
    }
    one.recorder.recordValue(Math.max(0, nanos));
  }

  @Override
  public Collection<MetricData> produce(Resource resource) {
    long now = now();
    List<MetricData> metrics = new ArrayList<>();
    series.forEach(
        (kind, byModule) -> {
          List<HistogramPointData> points = new ArrayList<>();
          byModule.values().stream()
              .flatMap(byExport -> byExport.values().stream())
              .flatMap(byOutcome -> byOutcome.values().stream())
              .forEach(s -> points.add(s.collect(now)));
          if (!points.isEmpty()) {
            String[] metric = METRICS.get(kind);
            metrics.add(
                ImmutableMetricData.createDoubleHistogram(
                    resource,
                    scope,
                    metric[0],
                    metric[1],
                    "s",
                    ImmutableHistogramData.create(AggregationTemporality.CUMULATIVE, points)));
          }
        });
    return metrics;
  }

  private long now() {
    Instant instant = clock.instant();
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  private static Attributes attributes(String module, String export, String outcome) {
    AttributesBuilder builder = Attributes.builder();
    put(builder, WasmAttributes.MODULE_NAME, module);
    put(builder, WasmAttributes.EXPORT, export);
    put(builder, WasmAttributes.OUTCOME, outcome);
    return builder.build();
  }

  private static void put(AttributesBuilder builder, AttributeKey<String> key, String value) {
    if (!value.isEmpty()) {
      builder.put(key, value);
    }
  }

  /**
   * One attribute set: a recorder the phases write to, and the cumulative histogram collections
   * read.
   */
  private static final class Series {
    final Attributes attributes;
    final long startEpochNanos;
    final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
    private final Histogram cumulative = new Histogram(SIGNIFICANT_DIGITS);
    private Histogram interval;

    Series(Attributes attributes, long startEpochNanos) {
      this.attributes = attributes;
      this.startEpochNanos = startEpochNanos;
    }

    synchronized HistogramPointData collect(long epochNanos) {
      interval = recorder.getIntervalHistogram(interval);
      cumulative.add(interval);
      long[] counts = new long[BUCKETS_SECONDS.size() + 1];
      for (HistogramIterationValue value : cumulative.recordedValues()) {
        counts[bucket(value.getValueIteratedTo())] += value.getCountAtValueIteratedTo();
      }
      List<Long> bucketCounts = new ArrayList<>(counts.length);
      for (long count : counts) {
        bucketCounts.add(count);
      }
      long total = cumulative.getTotalCount();
      return ImmutableHistogramPointData.create(
          startEpochNanos,
          epochNanos,
          attributes,
          cumulative.getMean() * total / NANOS_PER_SECOND,
          total > 0,
          cumulative.getMinValue() / NANOS_PER_SECOND,
          total > 0,
          cumulative.getMaxValue() / NANOS_PER_SECOND,
          BUCKETS_SECONDS,
          bucketCounts);
    }

    /**
     * The bucket of a value in nanoseconds: the first boundary it does not exceed, else the
     * overflow bucket.
     */
    private static int bucket(long nanos) {
      double seconds = nanos / NANOS_PER_SECOND;
      for (int i = 0; i < BUCKETS_SECONDS.size(); i++) {
        if (seconds <= BUCKETS_SECONDS.get(i)) {
          return i;
        }
      }
      return BUCKETS_SECONDS.size();
    }
  }
}
