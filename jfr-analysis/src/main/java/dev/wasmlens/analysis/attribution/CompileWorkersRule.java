package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.attribution.CpuActivity.Competitor;
import dev.wasmlens.analysis.read.WasmOperation;
import java.util.List;

/**
 * A compile waiting for its own work: Wasmtime compiles a module's functions in parallel on native
 * threads of its own while the calling thread sleeps until they are done, so most of a compile's
 * time can be blocked with nothing holding it up but the compile. The blocked time, up to the CPU
 * time the native threads had meanwhile (the thread sampler's), is the compile's work on a CPU,
 * named as such; the part they spent waiting for a CPU is {@link StarvedCompileWorkersRule}'s. A
 * set-up on a request's path turns both into cold start ({@link RequestAttributor}).
 *
 * <p>Medium evidence: native threads are known only as threads that are not Java threads, and a
 * second compile at the same moment shares them. Needs diagnosis recordings with thread samples.
 */
final class CompileWorkersRule implements CauseRule {
  @Override
  public Cause cause() {
    return Cause.ON_CPU;
  }

  @Override
  public List<RequiredEvent> requiredEvents() {
    return RequiredEvent.THREAD_SAMPLES;
  }

  @Override
  public Share attribute(WasmOperation operation, Context context, Budget budget) {
    if (!StarvedCompileWorkersRule.applies(operation, budget)) {
      return null;
    }
    long ran =
        context.competitionDuring(operation).nanos().getOrDefault(Competitor.NATIVE_THREADS, 0L);
    long taken = budget.takeBlocked(ran);
    return taken == 0
        ? null
        : new Share(
            Cause.ON_CPU,
            taken,
            Strength.MEDIUM,
            "blocked while Wasmtime's native compile threads ran "
                + ran / 1000
                + " us (thread samples): the compile's own parallel work");
  }
}
