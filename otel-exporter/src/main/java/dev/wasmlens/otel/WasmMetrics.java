package dev.wasmlens.otel;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;

/**
 * The {@code wasmtime.live} count of live objects per kind, in which a leak of stores shows as a
 * count that only grows. Latencies are in {@link LatencyHistograms}.
 */
final class WasmMetrics {
  private final LongUpDownCounter live;

  WasmMetrics(Meter meter) {
    live =
        meter
            .upDownCounterBuilder("wasmtime.live")
            .setDescription("Wasmtime objects created and not yet disposed, by kind")
            .setUnit("{object}")
            .build();
  }

  /**
   * {@code delta} objects of {@code kind} (Engine, Module, Store, Instance) were created or, if
   * negative, disposed.
   */
  void liveChanged(String kind, long delta) {
    live.add(delta, Attributes.of(WasmAttributes.OBJECT_KIND, kind));
  }
}
