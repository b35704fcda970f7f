package dev.wasmlens.agent.telemetry;

import dev.wasmlens.agent.bootstrap.PhaseListener;
import dev.wasmlens.agent.bootstrap.jfr.CallEvent;
import dev.wasmlens.agent.bootstrap.jfr.CompileEvent;
import dev.wasmlens.agent.bootstrap.jfr.HostCallEvent;
import dev.wasmlens.agent.bootstrap.jfr.InstantiateEvent;
import dev.wasmlens.agent.bootstrap.jfr.StoreCreateEvent;
import dev.wasmlens.agent.bootstrap.jfr.TeardownEvent;
import dev.wasmlens.agent.bootstrap.jfr.WasmEvent;
import dev.wasmlens.otel.PhaseTrace;
import dev.wasmlens.otel.WasmPhase;
import dev.wasmlens.otel.WasmTelemetry;
import java.time.Instant;

/**
 * Hands every finished phase to {@link WasmTelemetry} as a {@link WasmPhase} (a fast call only as a
 * count, {@link #counted}), and writes the phase's trace ids back into its JFR event so that a
 * recording can be joined with the traces and its operations grouped by request.
 *
 * <p>{@link System#nanoTime()} readings become epoch nanoseconds against one anchor taken at start,
 * as the OpenTelemetry SDK's own clock does within a trace.
 */
public final class TelemetryListener implements PhaseListener {
  private final WasmTelemetry telemetry;
  private final long anchorEpochNanos;
  private final long anchorNanoTime;
  private final long callMinNanos;
  private final long hostCallMinNanos;

  public TelemetryListener(WasmTelemetry telemetry) {
    this.telemetry = telemetry;
    this.callMinNanos = telemetry.callMinNanos();
    this.hostCallMinNanos = telemetry.hostCallMinNanos();
    Instant now = Instant.now();
    this.anchorNanoTime = System.nanoTime();
    this.anchorEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  @Override
  public void compiled(CompileEvent e, long startNanos, long endNanos) {
    PhaseTrace trace =
        telemetry.record(
            WasmPhase.compile(
                epoch(startNanos),
                epoch(endNanos),
                e.module,
                e.moduleHash,
                e.moduleSize,
                e.engineId,
                e.outcome,
                e.failure));
    setTrace(e, trace);
  }

  @Override
  public void instantiated(InstantiateEvent e, long startNanos, long endNanos) {
    PhaseTrace trace =
        telemetry.record(
            WasmPhase.instantiate(
                epoch(startNanos),
                epoch(endNanos),
                e.module,
                e.moduleHash,
                e.engineId,
                e.storeId,
                e.instanceId,
                e.firstForModule,
                e.outcome,
                e.failure));
    setTrace(e, trace);
  }

  @Override
  public void called(CallEvent e, long startNanos, long endNanos) {
    PhaseTrace trace =
        telemetry.recordCall(
            WasmPhase.call(
                epoch(startNanos),
                epoch(endNanos),
                e.module,
                e.export,
                e.storeId,
                e.instanceId,
                e.firstForInstance,
                e.outcome,
                e.failure));
    setTrace(e, trace);
  }

  @Override
  public void counted(String module, String export, long nanos) {
    telemetry.countCall(module, export, nanos);
  }

  @Override
  public long callMinNanos() {
    return callMinNanos;
  }

  @Override
  public long hostCallMinNanos() {
    return hostCallMinNanos;
  }

  @Override
  public void storeCreated(StoreCreateEvent e) {
    setTrace(e, telemetry.currentTrace());
  }

  @Override
  public void hostCalled(HostCallEvent e, long startNanos, long endNanos) {
    telemetry.recordHostCall(
        WasmPhase.hostCall(
            epoch(startNanos), epoch(endNanos), e.importName, e.storeId, e.outcome, e.failure));
  }

  @Override
  public void tornDown(TeardownEvent e, long startNanos, long endNanos) {
    PhaseTrace trace =
        telemetry.record(
            WasmPhase.teardown(
                epoch(startNanos),
                epoch(endNanos),
                e.kind,
                e.module,
                e.engineId,
                e.storeId,
                e.instanceId,
                e.outcome,
                e.failure));
    setTrace(e, trace);
  }

  @Override
  public void liveChanged(String kind, int delta) {
    telemetry.liveChanged(kind, delta);
  }

  private static void setTrace(WasmEvent e, PhaseTrace trace) {
    e.traceId = trace.traceId();
    e.parentSpanId = trace.parentSpanId();
    e.spanId = trace.spanId();
  }

  private long epoch(long nanoTime) {
    return anchorEpochNanos + (nanoTime - anchorNanoTime);
  }
}
