package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.Interval;
import dev.wasmlens.analysis.read.WasmOperation;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Native engine-lock contention, inferred: a compile holds its engine's native lock throughout, and
 * creating a store, instantiating or compiling on the same engine waits for it. JFR sees no lock
 * event for this; the evidence is another thread's {@code wasmlens.Compile} on the same engine
 * overlapping the operation (medium).
 */
final class EngineLockRule implements CauseRule {
  @Override
  public Share attribute(WasmOperation operation, Context context, Budget budget) {
    if (operation.phase() != WasmOperation.Phase.STORE_CREATE
        && operation.phase() != WasmOperation.Phase.INSTANTIATE
        && operation.phase() != WasmOperation.Phase.COMPILE) {
      return null;
    }
    List<WasmOperation> compiles = context.compilesOnSameEngineDuring(operation);
    if (compiles.isEmpty()) {
      return null;
    }
    List<Interval> held =
        compiles.stream()
            .map(c -> new Interval(c.startNanos(), c.endNanos(), c.threadId(), c.name()))
            .collect(Collectors.toList());
    long taken =
        budget.takeBlocked(
            Context.unionOverlap(held, operation.startNanos(), operation.endNanos()));
    if (taken == 0) {
      return null;
    }
    WasmOperation first = compiles.get(0);
    return new Share(
        Cause.CONTENTION,
        taken,
        Strength.MEDIUM,
        "native engine lock held by a compile of "
            + first.module()
            + " on "
            + first.threadName()
            + (compiles.size() > 1 ? " and " + (compiles.size() - 1) + " more" : "")
            + " (inferred: JFR has no event for this lock)");
  }
}
