package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.WasmOperation;

/**
 * Time the operation's thread spent on a CPU that no other cause took: the operation did more work
 * than usual, or the same work slower. Labelled as on-CPU time rather than left unexplained,
 * because the CPU clock measured it; what the work was is not in the recording.
 */
final class OnCpuRule implements CauseRule {
  @Override
  public Cause cause() {
    return Cause.ON_CPU;
  }

  @Override
  public Share attribute(WasmOperation operation, Context context, Budget budget) {
    if (operation.cpuNanos() < 0) {
      return null;
    }
    long taken = budget.takeOnCpu(budget.onCpu());
    if (taken == 0) {
      return null;
    }
    long median = context.medianNanos(operation);
    return new Share(
        Cause.ON_CPU,
        taken,
        Strength.STRONG,
        "on a CPU for "
            + operation.cpuNanos() / 1000
            + " us of its "
            + operation.durationNanos() / 1000
            + " us"
            + (median < 0
                ? ""
                : " (the usual duration of this operation is " + median / 1000 + " us)"));
  }
}
