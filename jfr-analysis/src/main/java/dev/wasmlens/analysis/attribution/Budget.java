package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.WasmOperation;

/**
 * What of an operation's time is still to explain: all of it; the part spent off CPU (wall minus
 * the thread's own CPU time); and, in diagnosis recordings, how that part splits into waiting for a
 * CPU (the measured run-queue wait), stolen (see {@link TimeSplit}) and blocked (the rest: a pause,
 * a lock, a futex, I/O). Each rule takes only the part its evidence covers. Not thread-safe.
 */
final class Budget {
  private long remaining;
  private long offCpu;
  private long waiting;
  private long stolen;

  Budget(WasmOperation operation) {
    remaining = operation.durationNanos();
    offCpu = operation.cpuNanos() < 0 ? remaining : Math.max(0, remaining - operation.cpuNanos());
    waiting =
        operation.cpuNanos() < 0 || operation.runQueueNanos() < 0
            ? -1
            : Math.min(offCpu, operation.runQueueNanos());
    stolen = waiting < 0 ? 0 : TimeSplit.stolenNanos(operation);
  }

  long remaining() {
    return remaining;
  }

  long offCpu() {
    return offCpu;
  }

  /**
   * Whether the run-queue wait was measured, so that off-CPU time splits into waiting and blocked.
   */
  boolean splitsOffCpu() {
    return waiting >= 0;
  }

  /** Measured time waiting for a CPU still to explain; 0 when not measured. */
  long waiting() {
    return Math.max(0, waiting);
  }

  /** Measured stolen time still to explain; 0 when not measured. */
  long stolen() {
    return stolen;
  }

  /**
   * Off-CPU time still to explain that was neither spent waiting for a CPU nor stolen (all of it,
   * unmeasured).
   */
  long blocked() {
    return offCpu - waiting() - stolen;
  }

  /**
   * The remaining time on CPU (all of it when the CPU time is unknown: then nothing is "on CPU").
   */
  long onCpu() {
    return remaining - offCpu;
  }

  /** Takes up to {@code nanos} of the remaining time; returns how much it took. */
  long take(long nanos) {
    long taken = Math.max(0, Math.min(nanos, remaining));
    remaining -= taken;
    // Time of unknown kind comes out of the on-CPU part first, then off CPU (blocked first, then
    // stolen, then waiting).
    long fromOffCpu = Math.max(0, offCpu - remaining);
    if (fromOffCpu > 0) {
      long fromBlocked = Math.min(fromOffCpu, blocked());
      long fromStolen = Math.min(fromOffCpu - fromBlocked, stolen);
      offCpu -= fromOffCpu;
      stolen -= fromStolen;
      if (waiting >= 0) {
        waiting -= fromOffCpu - fromBlocked - fromStolen;
      }
    }
    return taken;
  }

  /**
   * Takes up to {@code nanos} of the time the thread was off CPU but not waiting for one (when
   * waiting was not measured, any off-CPU time); returns how much it took.
   */
  long takeBlocked(long nanos) {
    long taken = Math.max(0, Math.min(nanos, blocked()));
    offCpu -= taken;
    remaining -= taken;
    return taken;
  }

  /** Takes up to {@code nanos} of the measured time waiting for a CPU; returns how much it took. */
  long takeWaiting(long nanos) {
    long taken = Math.max(0, Math.min(nanos, waiting()));
    waiting -= taken;
    offCpu -= taken;
    remaining -= taken;
    return taken;
  }

  /** Takes up to {@code nanos} of the measured stolen time; returns how much it took. */
  long takeStolen(long nanos) {
    long taken = Math.max(0, Math.min(nanos, stolen));
    stolen -= taken;
    offCpu -= taken;
    remaining -= taken;
    return taken;
  }

  /** Takes up to {@code nanos} of the remaining on-CPU time; returns how much it took. */
  long takeOnCpu(long nanos) {
    long taken = Math.max(0, Math.min(nanos, onCpu()));
    remaining -= taken;
    return taken;
  }
}
