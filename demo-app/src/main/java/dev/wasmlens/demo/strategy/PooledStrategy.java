package dev.wasmlens.demo.strategy;

import dev.wasmlens.demo.guest.ChecksumInstance;
import dev.wasmlens.demo.guest.GuestBinaries;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Module;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToIntFunction;

/**
 * A pool of instances between {@code min} and {@code max}: {@code min} are created at start
 * (pre-warming), more on demand while a request waits (a cold start on the request's path), and
 * instances idle longer than {@code idleTimeout} beyond {@code min} are disposed of. With {@code
 * min == max} it is a pre-warmed pool, with {@code min == 0} a dynamic one, in between a hybrid.
 *
 * <p>The most recently returned instance is handed out first, so a small load keeps a few instances
 * hot. A request that finds the pool exhausted parks until one is returned (JFR: {@code
 * jdk.ThreadPark}).
 */
final class PooledStrategy implements InstanceStrategy {
  private final String name;
  private final int min;
  private final int max;
  private final long idleTimeoutNanos;
  private final Engine engine;
  private final byte[] binary = GuestBinaries.read(GuestBinaries.CHECKSUM);

  /**
   * Guarded by {@link #lock}: the compiled guest; null after scaling to zero until compiled again.
   */
  private Module module;

  /**
   * Guarded by {@link #lock}: modules dropped by scaling to zero, which instances still in use may
   * run; disposed of at close.
   */
  private final List<Module> dropped = new ArrayList<>();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition returned = lock.newCondition();

  /** Guarded by {@link #lock}; most recently returned first. */
  private final Deque<Idle> idle = new ArrayDeque<>();

  /** Guarded by {@link #lock}: instances alive, idle or in use. */
  private int alive;

  private final AtomicLong coldStarts = new AtomicLong();

  /**
   * Compiles the guest on {@code engine}, which stays the caller's, and creates {@code min}
   * instances.
   */
  PooledStrategy(String name, Engine engine, int min, int max, Duration idleTimeout) {
    if (min < 0 || max < 1 || min > max) {
      throw new IllegalArgumentException(
          name
              + ": pool sizes must satisfy 0 <= min <= max and max >= 1, got min "
              + min
              + ", max "
              + max);
    }
    this.name = name;
    this.min = min;
    this.max = max;
    this.idleTimeoutNanos = idleTimeout.toNanos();
    this.engine = engine;
    this.module = new Module(engine, binary);
    for (int i = 0; i < min; i++) {
      idle.addLast(new Idle(new ChecksumInstance(engine, module), System.nanoTime()));
      alive++;
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String isolation() {
    return "reused instance: a request sees memory and globals left by earlier requests on it";
  }

  @Override
  public int serve(ToIntFunction<ChecksumInstance> request) throws InterruptedException {
    ChecksumInstance instance = acquire();
    try {
      return request.applyAsInt(instance);
    } finally {
      release(instance);
    }
  }

  @Override
  public long coldStarts() {
    return coldStarts.get();
  }

  /** Instances alive now, idle or in use. */
  int alive() {
    lock.lock();
    try {
      return alive;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      idle.forEach(i -> i.instance.close());
      idle.clear();
      if (module != null) {
        dropped.add(module);
      }
      dropped.forEach(Module::close);
      dropped.clear();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int evictIdle() {
    List<ChecksumInstance> evicted = new ArrayList<>();
    lock.lock();
    try {
      idle.forEach(i -> evicted.add(i.instance));
      alive -= idle.size();
      idle.clear();
      if (module != null) {
        dropped.add(module);
        module = null;
      }
    } finally {
      lock.unlock();
    }
    evicted.forEach(ChecksumInstance::close);
    return evicted.size();
  }

  private ChecksumInstance acquire() throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        Idle free = idle.pollFirst();
        if (free != null) {
          return free.instance;
        }
        if (alive < max) {
          alive++;
          break;
        }
        returned.await();
      }
    } finally {
      lock.unlock();
    }
    // Instantiate outside the lock: other requests may take returned instances meanwhile.
    coldStarts.incrementAndGet();
    try {
      return new ChecksumInstance(engine, compiled());
    } catch (RuntimeException e) {
      lock.lock();
      try {
        alive--;
        returned.signal();
      } finally {
        lock.unlock();
      }
      throw e;
    }
  }

  /** The compiled guest, compiled again on this request's path after scaling to zero. */
  private Module compiled() {
    lock.lock();
    try {
      if (module != null) {
        return module;
      }
    } finally {
      lock.unlock();
    }
    // Compile outside the pool's lock; requests racing here compile a copy each, as a cache miss
    // under load does.
    Module fresh = new Module(engine, binary);
    lock.lock();
    try {
      if (module == null) {
        module = fresh;
        return fresh;
      }
      dropped.add(fresh);
      return fresh;
    } finally {
      lock.unlock();
    }
  }

  private void release(ChecksumInstance instance) {
    long now = System.nanoTime();
    List<ChecksumInstance> retired = new ArrayList<>();
    lock.lock();
    try {
      idle.addFirst(new Idle(instance, now));
      // The oldest idle instances are at the end: retire those past the timeout, keeping min alive.
      while (alive > min && now - idle.peekLast().since > idleTimeoutNanos) {
        retired.add(idle.pollLast().instance);
        alive--;
      }
      returned.signal();
    } finally {
      lock.unlock();
    }
    retired.forEach(ChecksumInstance::close);
  }

  private record Idle(ChecksumInstance instance, long since) {}
}
