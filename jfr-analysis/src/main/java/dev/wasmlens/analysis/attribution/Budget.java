package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.WasmOperation;

/**
 * What of an operation's time is still to explain: all of it, and the part spent off CPU (wall
 * minus the thread's own CPU time), which pauses, lock waits, competing compilations and starvation
 * can account for. Not thread-safe.
 */
final class Budget {
  private long remaining;
  private long offCpu;

  Budget(WasmOperation operation) {
    remaining = operation.durationNanos();
    offCpu = operation.cpuNanos() < 0 ? remaining : Math.max(0, remaining - operation.cpuNanos());
  }

  long remaining() {
    return remaining;
  }

  long offCpu() {
    return offCpu;
  }

  /** Takes up to {@code nanos} of the remaining time; returns how much it took. */
  long take(long nanos) {
    long taken = Math.max(0, Math.min(nanos, remaining));
    remaining -= taken;
    offCpu = Math.min(offCpu, remaining);
    return taken;
  }

  /**
   * Takes up to {@code nanos} of off-CPU time, which is also remaining time; returns how much it
   * took.
   */
  long takeOffCpu(long nanos) {
    long taken = Math.max(0, Math.min(nanos, offCpu));
    offCpu -= taken;
    remaining -= taken;
    return taken;
  }
}
