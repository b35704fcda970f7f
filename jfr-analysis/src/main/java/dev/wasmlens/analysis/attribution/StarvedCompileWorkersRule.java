package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.attribution.CpuActivity.Competitor;
import dev.wasmlens.analysis.read.WasmOperation;
import java.util.List;

/**
 * A compile whose native compile threads waited for a CPU ({@link CompileWorkersRule} takes the
 * part they ran): the rest of its blocked time, up to their run-queue wait meanwhile, is CPU
 * starvation one step removed. Medium evidence, as for that rule.
 */
final class StarvedCompileWorkersRule implements CauseRule {
  @Override
  public Cause cause() {
    return Cause.CPU_STARVATION;
  }

  @Override
  public List<RequiredEvent> requiredEvents() {
    return RequiredEvent.THREAD_SAMPLES;
  }

  @Override
  public Share attribute(WasmOperation operation, Context context, Budget budget) {
    if (!applies(operation, budget)) {
      return null;
    }
    long waited =
        context
            .competitionDuring(operation)
            .waitNanos()
            .getOrDefault(Competitor.NATIVE_THREADS, 0L);
    long taken = budget.takeBlocked(waited);
    return taken == 0
        ? null
        : new Share(
            Cause.CPU_STARVATION,
            taken,
            Strength.MEDIUM,
            WORKERS_WAIT_EVIDENCE + waited / 1000 + " us for a CPU (thread samples)");
  }

  /** How the evidence of this rule's share begins; see {@link #isWorkersWait}. */
  private static final String WORKERS_WAIT_EVIDENCE =
      "blocked while Wasmtime's native compile threads waited ";

  /** Whether {@code share} is a compile's wait for its workers' CPU, made here. */
  static boolean isWorkersWait(Share share) {
    return share.evidence().startsWith(WORKERS_WAIT_EVIDENCE);
  }

  /** A compile in a diagnosis recording with blocked time left. */
  static boolean applies(WasmOperation operation, Budget budget) {
    return operation.phase() == WasmOperation.Phase.COMPILE
        && budget.splitsOffCpu()
        && budget.blocked() > 0;
  }
}
