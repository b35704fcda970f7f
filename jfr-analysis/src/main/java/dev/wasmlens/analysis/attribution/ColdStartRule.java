package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.WasmOperation;

/**
 * First use: the first instantiation of a module or the first call into an instance pays one-time
 * set-up. Only the excess over the usual (median) duration of the same operation is put down to it,
 * with medium evidence.
 */
final class ColdStartRule implements CauseRule {
  @Override
  public Cause cause() {
    return Cause.COLD_START;
  }

  @Override
  public Share attribute(WasmOperation operation, Context context, Budget budget) {
    long median = context.medianNanos(operation);
    if (!operation.firstUse() || median < 0) {
      return null;
    }
    long taken = budget.take(operation.durationNanos() - median);
    return taken == 0
        ? null
        : new Share(
            Cause.COLD_START,
            taken,
            Strength.MEDIUM,
            "first "
                + (operation.phase() == WasmOperation.Phase.CALL
                    ? "call into its instance"
                    : "use of its module")
                + ", beyond the usual "
                + median / 1000
                + " us");
  }
}
