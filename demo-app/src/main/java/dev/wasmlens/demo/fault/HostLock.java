package dev.wasmlens.demo.fault;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link ReentrantLock} every request's host call takes, as host functions do around a concurrent
 * map, a connection pool or a rate limiter of the application. Uncontended it costs nanoseconds;
 * the {@code reentrant-lock} injector holds it, and the requests' wasm calls park inside their host
 * call (JFR: {@code jdk.ThreadPark} with the lock's sync object as blocker, not {@code
 * jdk.JavaMonitorEnter}). Thread-safe.
 */
public final class HostLock {
  private final ReentrantLock lock = new ReentrantLock();
  private long admitted;

  /** Lets one request's host call through, waiting (parked) while the lock is held. */
  public void admit() {
    lock.lock();
    try {
      admitted++;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Holds the lock for {@code millis}: every host call arriving meanwhile parks until it is
   * released.
   */
  void hold(long millis) throws InterruptedException {
    lock.lock();
    try {
      // Sleeping keeps the lock held; a Condition's await would release it.
      TimeUnit.MILLISECONDS.sleep(millis);
    } finally {
      lock.unlock();
    }
  }

  /** Host calls admitted so far. */
  public long admitted() {
    lock.lock();
    try {
      return admitted;
    } finally {
      lock.unlock();
    }
  }
}
