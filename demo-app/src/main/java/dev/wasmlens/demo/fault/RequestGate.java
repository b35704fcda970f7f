package dev.wasmlens.demo.fault;

/**
 * A monitor every request's host call passes through, as host functions do through a synchronized
 * registry, cache or logger of the application. Uncontended it costs nanoseconds; the
 * lock-contention injector holds it, and the requests' wasm calls wait inside their host call.
 */
public final class RequestGate {
  private long admitted;

  /** Lets one request's host call through. */
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
