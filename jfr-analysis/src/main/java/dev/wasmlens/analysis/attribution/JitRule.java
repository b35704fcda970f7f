package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.Interval;
import dev.wasmlens.analysis.read.WasmOperation;
import java.util.List;

/**
 * For recordings without a measured run-queue wait: JIT compilations while the operation was off
 * CPU, since the compiler threads compete for the same cores. Weak evidence (they overlap), medium
 * when the operation's own thread was deoptimized meanwhile. Only off-CPU time is taken. Where the
 * wait was measured, {@link RunQueueRule} names the compiler threads from the thread sampler.
 */
final class JitRule implements CauseRule {
  @Override
  public Cause cause() {
    return Cause.JIT;
  }

  @Override
  public List<RequiredEvent> requiredEvents() {
    return List.of(
        new RequiredEvent("jdk.Compilation", 0, "JIT evidence is incomplete"),
        new RequiredEvent(
            "jdk.Deoptimization", RequiredEvent.ANY_THRESHOLD, "deoptimizations are missing"),
        new RequiredEvent(
            "jdk.CPULoad", RequiredEvent.ANY_THRESHOLD, "the machine's load is unknown"));
  }

  @Override
  public Share attribute(WasmOperation operation, Context context, Budget budget) {
    if (operation.phase() == WasmOperation.Phase.COMPILE || budget.splitsOffCpu()) {
      return null;
    }
    List<Interval> compilations = context.compilationsDuring(operation);
    List<Interval> deoptimizations = context.deoptimizationsDuring(operation);
    boolean busy = context.machineLoadAround(operation) >= CpuStarvationRule.BUSY_MACHINE_LOAD;
    if (compilations.isEmpty() || !busy && deoptimizations.isEmpty()) {
      return null;
    }
    long compiling =
        Context.unionOverlap(compilations, operation.startNanos(), operation.endNanos());
    long taken = budget.takeBlocked(compiling);
    if (taken == 0) {
      return null;
    }
    return new Share(
        Cause.JIT,
        taken,
        deoptimizations.isEmpty() ? Strength.WEAK : Strength.MEDIUM,
        compilations.size()
            + " compilation(s) overlapping"
            + (deoptimizations.isEmpty()
                ? ""
                : ", " + deoptimizations.size() + " deoptimization(s) on its thread"));
  }
}
