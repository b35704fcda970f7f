package dev.wasmlens.agent.bootstrap;

/**
 * The current thread's run-queue wait, for the {@code runQueueWait} fields: the time it was
 * runnable but had no CPU. Off-CPU time minus this is time the thread was blocked.
 *
 * <p>Each thread keeps its own {@code /proc/thread-self/schedstat} open from its first reading, so
 * a reading costs one system call; the file descriptor is released when the thread's state is
 * collected after the thread ends. Virtual threads are not read: their state follows them from
 * carrier to carrier, and a file opened on one carrier reads that carrier.
 */
final class RunQueueClock {
  private static volatile boolean enabled;

  private RunQueueClock() {}

  /** Makes phases that read the CPU clock read this one too; a no-op where it is unsupported. */
  static void enable(boolean on) {
    enabled = on && SchedStat.SUPPORTED;
  }

  static boolean enabled() {
    return enabled;
  }

  /** The current thread's run-queue wait so far in nanoseconds; -1 when it cannot be read. */
  static long nanos() {
    ThreadState state = ThreadState.current();
    if (!state.schedStatOpened) {
      state.schedStatOpened = true;
      state.schedStat = open();
    }
    SchedStat own = state.schedStat;
    return own != null && own.read() ? own.runQueueNanos() : -1;
  }

  private static SchedStat open() {
    Thread thread = Thread.currentThread();
    if (thread.getClass().getName().contains("VirtualThread")) {
      return null;
    }
    try {
      return SchedStat.open(SchedStat.OWN_THREAD);
    } catch (java.io.IOException | RuntimeException e) {
      AgentFailures.record(e);
      return null;
    }
  }
}
