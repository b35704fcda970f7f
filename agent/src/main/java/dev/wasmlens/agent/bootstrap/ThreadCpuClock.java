package dev.wasmlens.agent.bootstrap;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The current thread's CPU time, for the {@code cpuTime} fields. Wall time minus CPU time of a
 * phase is the time its thread spent off CPU: blocked, preempted or stopped.
 */
public final class ThreadCpuClock {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean SUPPORTED = THREADS.isCurrentThreadCpuTimeSupported();

  /**
   * Whether phases read the clock. A reading is a system call for the thread's CPU clock: about 0.5
   * us on a VM, two per phase (docs/benchmarks.md).
   */
  private static volatile boolean enabled = SUPPORTED;

  private ThreadCpuClock() {}

  /**
   * {@code wasmlens.cpu-time}: false saves the readings; {@code cpuTime} is then -1 ns (unknown).
   */
  public static void enable(boolean on) {
    enabled = on && SUPPORTED;
  }

  /** CPU nanoseconds of the current thread, or 0 where it is not measured. */
  static long nanos() {
    return enabled ? THREADS.getCurrentThreadCpuTime() : 0;
  }

  /** Whether {@link #nanos} measures anything. */
  static boolean enabled() {
    return enabled;
  }
}
