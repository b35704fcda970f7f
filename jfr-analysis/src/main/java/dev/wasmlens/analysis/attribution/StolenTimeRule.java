package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.attribution.CpuActivity.Competitor;
import dev.wasmlens.analysis.read.WasmOperation;
import java.util.List;

/**
 * CPU starvation below the operating system: the operation's thread never blocked (the agent's
 * {@code voluntarySwitches} is 0, or it was never switched out at all: {@code switches} 0), yet its
 * CPU clock and its run-queue wait add up to less than the wall clock. The kernel leaves out of a
 * thread's CPU time what the hypervisor stole from its virtual CPU and, with interrupt time
 * accounting, what interrupts took; a thread that did not block was either on its CPU or runnable
 * in a queue, so the difference is one of those two. Strong when the machine counted steal during
 * the operation (the thread sampler's {@code wasmlens.MachineSample}).
 *
 * <p>Needs diagnosis recordings ({@code wasmlens.cpu-time=all}: the CPU time, run-queue wait and
 * switches of the operation); takes nothing otherwise.
 */
final class StolenTimeRule implements CauseRule {
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
    long stolen = budget.stolen();
    if (stolen == 0) {
      return null;
    }
    long taken = budget.takeStolen(stolen);
    long machineSteal =
        context.competitionDuring(operation).nanos().getOrDefault(Competitor.HYPERVISOR_STEAL, 0L);
    String evidence =
        (operation.switches() == 0
                ? "never switched out, yet on a CPU for "
                    + Math.max(0, operation.cpuNanos()) / 1000
                    + " us of its "
                : "never blocked (switched out "
                    + operation.switches()
                    + " time(s), each a preemption), yet on a CPU for "
                    + Math.max(0, operation.cpuNanos()) / 1000
                    + " us and waiting for one "
                    + Math.max(0, operation.runQueueNanos()) / 1000
                    + " us of its ")
            + operation.durationNanos() / 1000
            + " us: the rest went to the hypervisor or to interrupts (measured); ";
    return machineSteal > 0
        ? Share.takenBy(
            Competitor.HYPERVISOR_STEAL,
            null,
            Cause.CPU_STARVATION,
            taken,
            Strength.STRONG,
            evidence + "the machine counted " + machineSteal / 1000 + " us of steal meanwhile")
        : new Share(
            Cause.CPU_STARVATION,
            taken,
            Strength.MEDIUM,
            evidence
                + "the machine's samples show no steal meanwhile (interrupts, or steal too"
                + " short for their 10 ms ticks)");
  }
}
