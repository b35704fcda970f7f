package dev.wasmlens.agent.it.locks;

import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * The binding reads a handle's pointer under the Java object's monitor (JNI {@code MonitorEnter})
 * and keeps that monitor while it waits for the native lock. This lets a test take the monitor
 * behind such a waiting thread, deterministically: it waits until the JVM reports the monitor as
 * held by that thread before it enters it.
 */
final class JniMonitors {
  /** How long the waiting thread may take to be shown holding the monitor. */
  private static final Duration OWNERSHIP_TIMEOUT = Duration.ofSeconds(30);

  private static final long POLL_MILLIS = 5;

  private JniMonitors() {}

  /**
   * Starts {@code waiter} on a new thread, waits until that thread holds {@code target}'s monitor,
   * then enters the monitor on the calling thread and leaves it at once.
   *
   * @throws IllegalStateException when the thread never holds the monitor in time
   */
  static void enterBehind(Object target, Runnable waiter) throws InterruptedException {
    startHolding(target, "lock-monitor-holder", waiter);
    synchronized (target) {
      // Entering is the measurement; nothing to do inside.
      target.hashCode();
    }
  }

  /**
   * Starts {@code waiter} on a new daemon thread named {@code name} and returns it once the JVM
   * reports it holding {@code target}'s monitor.
   *
   * @throws IllegalStateException when the thread never holds the monitor in time
   */
  static Thread startHolding(Object target, String name, Runnable waiter)
      throws InterruptedException {
    Thread thread = new Thread(waiter, name);
    thread.setDaemon(true);
    thread.start();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long deadline = System.nanoTime() + OWNERSHIP_TIMEOUT.toNanos();
    while (!holds(threads, thread, target)) {
      if (System.nanoTime() > deadline || !thread.isAlive()) {
        throw new IllegalStateException(thread.getName() + " never held the monitor of " + target);
      }
      Thread.sleep(POLL_MILLIS);
    }
    return thread;
  }

  private static boolean holds(ThreadMXBean threads, Thread thread, Object target) {
    ThreadInfo[] infos = threads.getThreadInfo(new long[] {thread.getId()}, true, false);
    if (infos.length == 0 || infos[0] == null) {
      return false;
    }
    for (MonitorInfo monitor : infos[0].getLockedMonitors()) {
      if (monitor.getIdentityHashCode() == System.identityHashCode(target)
          && monitor.getClassName().equals(target.getClass().getName())) {
        return true;
      }
    }
    return false;
  }
}
