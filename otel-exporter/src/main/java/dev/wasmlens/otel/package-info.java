/**
 * OpenTelemetry for wasm phases: {@link dev.wasmlens.otel.WasmTelemetry} turns each {@link
 * dev.wasmlens.otel.WasmPhase} into a span and into the per-phase latency histograms, and exports
 * them with an SDK configured the OpenTelemetry way ({@code OTEL_*} / {@code otel.*}).
 *
 * <p>This module knows nothing of the agent: the agent hands it finished phases. Inside the agent
 * jar the OpenTelemetry SDK and its dependencies are relocated, so they never meet the
 * application's own copies.
 */
package dev.wasmlens.otel;
