package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.WasmOperation;

/**
 * Where an operation's wall time went, as measured: on a CPU, waiting for one (the run queue),
 * stolen (the thread never left its CPU, yet its CPU clock missed this time: the hypervisor ran
 * something else on the virtual CPU, or interrupts ran), blocked (the rest: a pause, a lock, a
 * futex, a page fault, I/O). Stolen time is known only for an operation that was never switched
 * out; in one that was, any steal stays inside blocked. Nanoseconds; -1 for what the recording did
 * not measure (CPU time outside {@code cpu-time=all} for calls, the run-queue wait outside
 * diagnosis recordings), and then stolen and blocked are -1 too.
 */
public record TimeSplit(long onCpuNanos, long runQueueNanos, long stolenNanos, long blockedNanos) {
  /** The split of {@code operation}'s duration. */
  public static TimeSplit of(WasmOperation operation) {
    long wall = operation.durationNanos();
    long cpu = operation.cpuNanos() < 0 ? -1 : Math.min(wall, operation.cpuNanos());
    long runQueue =
        cpu < 0 || operation.runQueueNanos() < 0
            ? -1
            : Math.min(wall - cpu, operation.runQueueNanos());
    if (runQueue < 0) {
      return new TimeSplit(cpu, -1, -1, -1);
    }
    long stolen = stolenNanos(operation);
    return new TimeSplit(cpu, runQueue, stolen, wall - cpu - runQueue - stolen);
  }

  /**
   * The time {@code operation}'s CPU clock missed although its thread was never switched out (its
   * off-CPU time then; it cannot have waited for a CPU either); 0 when it was switched, or when the
   * switches or the CPU time were not measured.
   */
  static long stolenNanos(WasmOperation operation) {
    return operation.switches() == 0 && operation.cpuNanos() >= 0
        ? Math.max(0, operation.durationNanos() - operation.cpuNanos())
        : 0;
  }

  public boolean measured() {
    return blockedNanos >= 0;
  }
}
