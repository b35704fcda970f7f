package dev.wasmlens.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-phase latency histograms ({@code wasm.compile.duration}, {@code
 * wasm.instantiate.duration}, {@code wasm.call.duration}, {@code wasm.teardown.duration}, in
 * seconds) and the {@code wasmtime.live} count of live objects per kind, in which a leak of stores
 * shows as a count that only grows.
 *
 * <p>Attributes are kept low-cardinality: module, export (calls only) and outcome; never ids. The
 * attribute sets are built once per combination and reused, so recording a call allocates nothing.
 */
final class WasmMetrics {
  /** Bucket boundaries in seconds, from 10 µs (a trivial call) to 10 s (a very large compile). */
  static final List<Double> DURATION_BUCKETS_SECONDS =
      List.of(
          0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
          0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0);

  private static final double NANOS_PER_SECOND = 1e9;
  private static final String NONE = "";

  private final Map<WasmPhase.Kind, DoubleHistogram> durations =
      new EnumMap<>(WasmPhase.Kind.class);
  private final LongUpDownCounter live;

  /** module -> export -> outcome -> attributes. */
  private final Map<String, Map<String, Map<String, Attributes>>> attributes =
      new ConcurrentHashMap<>();

  WasmMetrics(Meter meter) {
    durations.put(
        WasmPhase.Kind.COMPILE,
        histogram(meter, "wasm.compile.duration", "Time to compile a module"));
    durations.put(
        WasmPhase.Kind.INSTANTIATE,
        histogram(meter, "wasm.instantiate.duration", "Time to instantiate a module"));
    durations.put(
        WasmPhase.Kind.CALL,
        histogram(
            meter, "wasm.call.duration", "Time of an outermost call of an exported function"));
    durations.put(
        WasmPhase.Kind.TEARDOWN,
        histogram(meter, "wasm.teardown.duration", "Time to dispose of an object"));
    live =
        meter
            .upDownCounterBuilder("wasmtime.live")
            .setDescription("Wasmtime objects created and not yet disposed, by kind")
            .setUnit("{object}")
            .build();
  }

  /**
   * Records the phase's duration; host calls have no histogram of their own (they are inside
   * calls).
   */
  void record(WasmPhase phase) {
    DoubleHistogram histogram = durations.get(phase.kind());
    if (histogram != null) {
      histogram.record(phase.durationNanos() / NANOS_PER_SECOND, attributes(phase));
    }
  }

  /**
   * {@code delta} objects of {@code kind} (Engine, Module, Store, Instance) were created or, if
   * negative, disposed.
   */
  void liveChanged(String kind, long delta) {
    live.add(delta, Attributes.of(WasmAttributes.OBJECT_KIND, kind));
  }

  private Attributes attributes(WasmPhase phase) {
    String module = phase.module() == null ? NONE : phase.module();
    String export =
        phase.kind() == WasmPhase.Kind.CALL && phase.export() != null ? phase.export() : NONE;
    String outcome = phase.outcome() == null ? NONE : phase.outcome();
    return attributes
        .computeIfAbsent(module, m -> new ConcurrentHashMap<>())
        .computeIfAbsent(export, e -> new ConcurrentHashMap<>())
        .computeIfAbsent(outcome, o -> build(module, export, outcome));
  }

  private static Attributes build(String module, String export, String outcome) {
    var builder = Attributes.builder();
    put(builder, WasmAttributes.MODULE_NAME, module);
    put(builder, WasmAttributes.EXPORT, export);
    put(builder, WasmAttributes.OUTCOME, outcome);
    return builder.build();
  }

  private static void put(
      io.opentelemetry.api.common.AttributesBuilder builder,
      AttributeKey<String> key,
      String value) {
    if (!value.isEmpty()) {
      builder.put(key, value);
    }
  }

  private static DoubleHistogram histogram(Meter meter, String name, String description) {
    return meter
        .histogramBuilder(name)
        .setDescription(description)
        .setUnit("s")
        .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS_SECONDS)
        .build();
  }
}
