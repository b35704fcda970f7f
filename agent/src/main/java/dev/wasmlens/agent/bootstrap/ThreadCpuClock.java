package dev.wasmlens.agent.bootstrap;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The current thread's CPU time, for the {@code cpuTime} fields. Wall time minus CPU time of a
 * phase is the time its thread spent off CPU: blocked, preempted or stopped.
 */
final class ThreadCpuClock {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean SUPPORTED = THREADS.isCurrentThreadCpuTimeSupported();

  private ThreadCpuClock() {}

  /** CPU nanoseconds of the current thread, or 0 where the JVM cannot measure them. */
  static long nanos() {
    return SUPPORTED ? THREADS.getCurrentThreadCpuTime() : 0;
  }
}
