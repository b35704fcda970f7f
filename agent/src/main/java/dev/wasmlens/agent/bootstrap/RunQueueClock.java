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
   * The current thread's voluntary switches so far. The {@code status} file they come from costs
   * about 9 us to read, eight times {@code schedstat}, so {@code schedstat} is read first and
   * {@code status} only when the thread was put on a CPU since the count was last read: a thread
   * that was not switched out cannot have switched voluntarily, and that count still holds. A phase
   * that ran without a switch, the common case, reads {@code status} at neither end.
   *
   * @return the count, or -1 when it cannot be read
   */
  static long voluntarySwitches() {
    ThreadState state = opened(ThreadState.current());
    if (state.voluntarySwitches == null || state.schedStat == null || !state.schedStat.read()) {
      return -1;
    }
    long timeslices = state.schedStat.timeslices();
    if (timeslices != state.voluntaryReadAtTimeslices) {
      state.voluntarySwitchesRead = state.voluntarySwitches.read();
      // Read after the timeslices: a switch in between is in the count, and makes the next
      // timeslices differ, so the count is read again then.
      state.voluntaryReadAtTimeslices = state.voluntarySwitchesRead >= 0 ? timeslices : -1;
    }
    return state.voluntarySwitchesRead;
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
