package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.WasmOperation;
import java.util.List;

/**
 * For recordings without a measured run-queue wait (made before diagnosis recordings had it, or
 * with {@code cpu-time} other than {@code all} on set-up phases): off-CPU time nothing else
 * explains, where the thread may have been runnable or blocked outside Java. Medium evidence when
 * the machine was busy ({@link #BUSY_MACHINE_LOAD} or more) around the operation, weak otherwise.
 * Where the wait was measured, {@link RunQueueRule} takes its place and this rule names nothing.
 */
final class CpuStarvationRule implements CauseRule {
  /** Machine CPU load (0 to 1) at which runnable threads queue for a core. */
  static final double BUSY_MACHINE_LOAD = 0.8;

  @Override
  public Cause cause() {
    return Cause.CPU_STARVATION;
  }

  @Override
  public List<RequiredEvent> requiredEvents() {
    return List.of(
        new RequiredEvent(
            "jdk.CPULoad", RequiredEvent.ANY_THRESHOLD, "the machine's load is unknown"));
  }

  @Override
  public Share attribute(WasmOperation operation, Context context, Budget budget) {
    if (operation.cpuNanos() < 0
        || operation.phase() == WasmOperation.Phase.COMPILE
        || budget.splitsOffCpu()) {
      return null;
    }
    long taken = budget.takeBlocked(budget.offCpu());
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
