package dev.wasmlens.demo.fault;

import dev.wasmlens.demo.strategy.InstanceStrategy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A host function that blocks: every {@link #BREAK_MILLIS} the injector serves one request of its
 * own through the strategy, whose host call sleeps {@link #BLOCK_MILLIS} (as a host function
 * waiting on I/O or a slow downstream would). wasmtime-java holds the store's native lock for the
 * whole call, host function included, so with the {@code shared-store} strategy every request
 * arriving meanwhile waits inside its {@code Func.call} for the store, and no Java lock event
 * records it. With a strategy that gives each request its own store only the injector's own call is
 * slow.
 */
final class BlockingHostFunction implements FaultInjector {
  static final long BLOCK_MILLIS = 30;
  static final long BREAK_MILLIS = 20;

  /** Loop iterations of the injector's own guest call: as small as a request's. */
  static final int ITERATIONS = 64;

  private final InstanceStrategy strategy;

  BlockingHostFunction(InstanceStrategy strategy) {
    this.strategy = strategy;
  }

  @Override
  public String name() {
    return "host-block";
  }

  @Override
  public String inject(Duration duration) throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    int blocks = 0;
    while (System.nanoTime() < end) {
      strategy.serve(instance -> instance.checksum(ITERATIONS, BlockingHostFunction::block));
      blocks++;
      Thread.sleep(BREAK_MILLIS);
    }
    return blocks
        + " calls on "
        + strategy.name()
        + " whose host function slept "
        + BLOCK_MILLIS
        + " ms, on thread "
        + Thread.currentThread().getName();
  }

  private static void block() {
    try {
      TimeUnit.MILLISECONDS.sleep(BLOCK_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
