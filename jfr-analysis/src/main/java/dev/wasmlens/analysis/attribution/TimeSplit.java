package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.WasmOperation;

/**
 * Where an operation's wall time went, as measured: on a CPU, waiting for one (the run queue),
 * blocked (neither: a pause, a lock, a futex, a page fault, I/O). Nanoseconds; -1 for what the
 * recording did not measure (CPU time outside {@code cpu-time=all} for calls, the run-queue wait
 * outside diagnosis recordings), and then blocked is -1 too.
 */
public record TimeSplit(long onCpuNanos, long runQueueNanos, long blockedNanos) {
  /** The split of {@code operation}'s duration. */
  public static TimeSplit of(WasmOperation operation) {
    long wall = operation.durationNanos();
    long cpu = operation.cpuNanos() < 0 ? -1 : Math.min(wall, operation.cpuNanos());
    long runQueue =
        cpu < 0 || operation.runQueueNanos() < 0
            ? -1
            : Math.min(wall - cpu, operation.runQueueNanos());
    return new TimeSplit(cpu, runQueue, runQueue < 0 ? -1 : wall - cpu - runQueue);
  }

  public boolean measured() {
    return blockedNanos >= 0;
  }
}
