package dev.wasmlens.demo.fault;

import dev.wasmlens.demo.strategy.InstanceStrategy;
import java.time.Duration;

/**
 * Cold starts: scales the strategy to zero every {@link #EVICT_INTERVAL} (its warm instances and
 * compiled module go), so the requests that follow find nothing warm and compile and instantiate on
 * their own path, as after a scale-to-zero or a code-cache eviction. Strategies without warm
 * instances are unaffected (they pay cold starts anyway, or never).
 */
final class ColdStarts implements FaultInjector {
  static final Duration EVICT_INTERVAL = Duration.ofMillis(100);
  private final InstanceStrategy strategy;

  ColdStarts(InstanceStrategy strategy) {
    this.strategy = strategy;
  }

  @Override
  public String name() {
    return "cold-start";
  }

  @Override
  public String inject(Duration duration) throws InterruptedException {
    long before = strategy.coldStarts();
    long end = System.nanoTime() + duration.toNanos();
    int evicted = 0;
    while (System.nanoTime() < end) {
      evicted += strategy.evictIdle();
      Thread.sleep(EVICT_INTERVAL.toMillis());
    }
    return evicted
        + " warm instances evicted, "
        + (strategy.coldStarts() - before)
        + " cold starts paid by requests";
  }
}
