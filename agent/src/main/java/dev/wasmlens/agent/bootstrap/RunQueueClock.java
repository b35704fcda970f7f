package dev.wasmlens.agent.bootstrap;

/**
 * The current thread's scheduler statistics, for the {@code runQueueWait}, {@code switches} and
 * {@code voluntarySwitches} fields: the time it was runnable but had no CPU, how often it was put
 * back on one, and how often it left its CPU to wait. Off-CPU time minus the wait is time the
 * thread was blocked, unless it never blocked (no voluntary switch): then the time its CPU clock
 * misses went to the hypervisor (steal) or to interrupts.
 *
 * <p>Each thread keeps its own {@code /proc/thread-self/schedstat} and {@code status} open from its
 * first reading, so a reading costs one system call each; the file descriptors are released when
 * the thread's state is collected after the thread ends. Virtual threads are not read: their state
 * follows them from carrier to carrier, and a file opened on one carrier reads that carrier.
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
    SchedStat own = opened(ThreadState.current()).schedStat;
    return own != null && own.read() ? own : null;
  }

  /**
   * Reads the current thread's voluntary switches again.
   *
   * @return its voluntary switches so far, or -1 when they cannot be read
   */
  static long voluntarySwitches() {
    VoluntarySwitches own = opened(ThreadState.current()).voluntarySwitches;
    return own != null ? own.read() : -1;
  }

  private static ThreadState opened(ThreadState state) {
    if (!state.schedStatOpened) {
      state.schedStatOpened = true;
      if (!Thread.currentThread().getClass().getName().contains("VirtualThread")) {
        try {
          state.schedStat = SchedStat.open(SchedStat.OWN_THREAD);
          if (VoluntarySwitches.SUPPORTED) {
            state.voluntarySwitches = VoluntarySwitches.open(VoluntarySwitches.OWN_THREAD);
          }
        } catch (java.io.IOException | RuntimeException e) {
          AgentFailures.record(e);
        }
      }
    }
    return state;
  }
}
