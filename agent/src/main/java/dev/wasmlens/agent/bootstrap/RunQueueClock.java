package dev.wasmlens.agent.bootstrap;

/**
 * The current thread's scheduler statistics, for the {@code runQueueWait} and {@code switches}
 * fields: the time it was runnable but had no CPU, and how often it was put back on one. Off-CPU
 * time minus the wait is time the thread was blocked, unless it was never switched out: then the
 * time its CPU clock misses went to the hypervisor (steal) or to interrupts.
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

  /**
   * Reads the current thread's file again.
   *
   * @return the thread's statistics as of now, or null when they cannot be read
   */
  static SchedStat read() {
    ThreadState state = ThreadState.current();
    if (!state.schedStatOpened) {
      state.schedStatOpened = true;
      state.schedStat = open();
    }
    SchedStat own = state.schedStat;
    return own != null && own.read() ? own : null;
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
