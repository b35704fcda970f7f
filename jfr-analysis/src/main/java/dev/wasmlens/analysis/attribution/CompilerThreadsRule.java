package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.WasmOperation;

/**
 * Time waiting for a CPU while the JIT compiler threads had them. Needs the measured run-queue wait
 * and the thread sampler (diagnosis recordings).
 */
final class CompilerThreadsRule implements CauseRule {
  @Override
  public Share attribute(WasmOperation operation, Context context, Budget budget) {
    return RunQueueShares.of(Cause.JIT, operation, context, budget);
  }
}
