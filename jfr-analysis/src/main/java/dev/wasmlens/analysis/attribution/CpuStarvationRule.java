package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.WasmOperation;

/**
 * Off-CPU time nothing else explains: the thread was runnable or blocked outside Java. Medium
 * evidence when the machine was busy ({@link #BUSY_MACHINE_LOAD} or more) around the operation,
 * weak otherwise.
 */
final class CpuStarvationRule implements CauseRule {
  /** Machine CPU load (0 to 1) at which runnable threads queue for a core. */
  static final double BUSY_MACHINE_LOAD = 0.8;

  @Override
  public Share attribute(WasmOperation operation, Context context, Budget budget) {
    if (operation.cpuNanos() < 0 || operation.phase() == WasmOperation.Phase.COMPILE) {
      return null;
    }
    long taken = budget.takeOffCpu(budget.offCpu());
    if (taken == 0) {
      return null;
    }
    double load = context.machineLoadAround(operation);
    return new Share(
        Cause.CPU_STARVATION,
        taken,
        load >= BUSY_MACHINE_LOAD ? Strength.MEDIUM : Strength.WEAK,
        "off CPU (wall "
            + operation.durationNanos() / 1000
            + " us, CPU "
            + operation.cpuNanos() / 1000
            + " us)"
            + (load < 0
                ? ", machine load not recorded"
                : String.format(", machine load %.0f%%", load * 100)));
  }
}
