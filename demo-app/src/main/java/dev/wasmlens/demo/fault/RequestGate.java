package dev.wasmlens.demo.fault;

/**
 * A monitor every request passes through on its way in, as requests do through a synchronized
 * registry or logger in many services. Uncontended it costs nanoseconds; the lock-contention
 * injector holds it.
 */
public final class RequestGate {
  private long admitted;

  /** Lets one request in. */
  public synchronized void admit() {
    admitted++;
  }

  /**
   * Holds the gate for {@code millis}: every request arriving meanwhile waits (JFR: {@code
   * jdk.JavaMonitorEnter}).
   */
  synchronized void hold(long millis) throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000;
    // Sleeping keeps the monitor; wait() would release it.
    while (System.nanoTime() < end) {
      Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000));
    }
  }

  /** Requests admitted so far. */
  public synchronized long admitted() {
    return admitted;
  }
}
