package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.WasmOperation;

/**
 * Where an operation's wall time went, as measured: on a CPU, waiting for one (the run queue),
 * stolen (the thread never blocked, yet neither its CPU clock nor its run-queue wait account for
 * this time: the hypervisor ran something else on the virtual CPU, or interrupts ran), blocked (the
 * rest: a pause, a lock, a futex, a page fault, I/O). Stolen time is known only for an operation
 * whose thread made no voluntary switch (or no switch at all, in recordings from agents that did
 * not count voluntary ones); in one that blocked, any steal stays inside blocked. Nanoseconds; -1
 * for what the recording did not measure (CPU time outside {@code cpu-time=all} for calls, the
 * run-queue wait outside diagnosis recordings), and then stolen and blocked are -1 too.
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
   * The time {@code operation}'s CPU clock and run-queue wait missed although its thread never
   * blocked: all its off-CPU time when it was never switched out, its off-CPU time beyond the
   * run-queue wait when it was only preempted (no voluntary switch); 0 when it may have blocked, or
   * when the switches or the clocks were not measured.
   *
   * <p>Where both are counted, the voluntary switches decide whether it blocked: the agent reads
   * them outside the wall-clock interval, the other clocks inside it, so a block at the interval's
   * edge (a safepoint stop on the way back from a clock reading) shows in them alone.
   */
  static long stolenNanos(WasmOperation operation) {
    if (operation.cpuNanos() < 0 || operation.voluntarySwitches() > 0) {
      return 0;
    }
    long offCpu = Math.max(0, operation.durationNanos() - operation.cpuNanos());
    if (operation.switches() == 0) {
      return offCpu;
    }
    return operation.voluntarySwitches() == 0 && operation.runQueueNanos() >= 0
        ? Math.max(0, offCpu - operation.runQueueNanos())
        : 0;
  }

  public boolean measured() {
    return blockedNanos >= 0;
  }
}
