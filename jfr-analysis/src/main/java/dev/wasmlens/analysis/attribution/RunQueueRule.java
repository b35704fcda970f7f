package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.WasmOperation;
import java.util.List;

/**
 * CPU starvation, measured: the rest of the operation's run-queue wait, after GC and compiler
 * threads took their parts, naming who had the CPUs (other application threads, native threads,
 * other processes, hypervisor steal) when the thread sampler ran. Needs the measured run-queue wait
 * (diagnosis recordings); without it {@link CpuStarvationRule} infers starvation from off-CPU time.
 */
final class RunQueueRule implements CauseRule {
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
    return RunQueueShares.rest(operation, context, budget);
  }
}
