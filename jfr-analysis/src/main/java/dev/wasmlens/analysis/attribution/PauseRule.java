package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.Interval;
import dev.wasmlens.analysis.read.WasmOperation;
import java.util.List;

/**
 * GC pauses and safepoints overlapping the operation. A thread in native (wasm) code does not stop
 * for a safepoint; it blocks when it returns to Java. So the evidence is strong when the operation
 * ended inside a pause (its return was held), weak when a pause merely overlapped it.
 */
final class PauseRule implements CauseRule {
  /**
   * Off-CPU time, as a share of the pause overlap, from which the thread counts as stopped by the
   * pause.
   */
  static final double STOPPED_SHARE = 0.9;

  @Override
  public Cause cause() {
    return Cause.GC_SAFEPOINT;
  }

  @Override
  public List<RequiredEvent> requiredEvents() {
    return List.of(
        new RequiredEvent(
            "jdk.SafepointBegin", 0, "safepoint pauses are missing, only GC pauses count"),
        new RequiredEvent(
            "jdk.SafepointEnd", 0, "safepoint pauses are missing, only GC pauses count"),
        new RequiredEvent("jdk.GCPhasePause", 0, "short GC pauses are missing"));
  }

  @Override
  public Share attribute(WasmOperation operation, Context context, Budget budget) {
    List<Interval> pauses = context.pausesDuring(operation);
    if (pauses.isEmpty()) {
      return null;
    }
    long overlap = Context.unionOverlap(pauses, operation.startNanos(), operation.endNanos());
    long offCpuBefore = budget.offCpu();
    long taken = budget.takeBlocked(overlap);
    if (taken == 0) {
      return null;
    }
    boolean returnHeld = pauses.stream().anyMatch(p -> p.contains(operation.endNanos()));
    boolean javaCode = operation.phase() == WasmOperation.Phase.HOST_CALL;
    boolean cpuKnown = operation.cpuNanos() >= 0;
    boolean stopped = cpuKnown && offCpuBefore >= STOPPED_SHARE * overlap;
    return new Share(
        Cause.GC_SAFEPOINT,
        taken,
        returnHeld || javaCode ? Strength.STRONG : stopped ? Strength.MEDIUM : Strength.WEAK,
        pauses.size()
            + " pause(s) overlapping, "
            + (javaCode
                ? "in Java code"
                : returnHeld
                    ? "the operation ended inside one"
                    : stopped
                        ? "its thread off CPU throughout"
                        : cpuKnown ? "while it ran on CPU" : "its CPU time not recorded")
            + " ("
            + pauses.get(0).what()
            + (pauses.size() > 1 ? ", ..." : "")
            + ")");
  }
}
