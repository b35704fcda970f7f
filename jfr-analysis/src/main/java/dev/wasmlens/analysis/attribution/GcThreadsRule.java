package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.WasmOperation;
import java.util.List;

/**
 * Time waiting for a CPU while GC threads had them (a concurrent GC cycle, parallel workers), or
 * application threads catching up in a pause's wake ({@link
 * CpuActivity.Competitor#PAUSE_CATCH_UP}): GC, not starvation. Needs the measured run-queue wait
 * and the thread sampler (diagnosis recordings).
 */
final class GcThreadsRule implements CauseRule {
  @Override
  public Cause cause() {
    return Cause.GC_SAFEPOINT;
  }

  @Override
  public List<RequiredEvent> requiredEvents() {
    return RequiredEvent.THREAD_SAMPLES;
  }

  @Override
  public Share attribute(WasmOperation operation, Context context, Budget budget) {
    return RunQueueShares.of(Cause.GC_SAFEPOINT, operation, context, budget);
  }
}
