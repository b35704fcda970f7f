package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.WasmOperation;
import java.util.List;

/**
 * Time waiting for a CPU while the JIT compiler threads had them. Needs the measured run-queue wait
 * and the thread sampler (diagnosis recordings).
 */
final class CompilerThreadsRule implements CauseRule {
  @Override
  public Cause cause() {
    return Cause.JIT;
  }

  @Override
  public List<RequiredEvent> requiredEvents() {
    return RequiredEvent.THREAD_SAMPLES;
  }

  @Override
  public Share attribute(WasmOperation operation, Context context, Budget budget) {
    return RunQueueShares.of(Cause.JIT, operation, context, budget);
  }
}
