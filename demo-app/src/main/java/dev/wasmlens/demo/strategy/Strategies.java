package dev.wasmlens.demo.strategy;

import java.time.Duration;
import java.util.List;

/** The instance strategies by name, with the pool sizes they use. */
public final class Strategies {
  /** Every strategy, from most to least isolated. */
  public static final List<String> NAMES =
      List.of("cold", "fresh-instance", "prewarmed-pool", "dynamic-pool", "hybrid", "shared");

  private Strategies() {}

  /**
   * Creates the strategy called {@code name}.
   *
   * @param poolSize instances of the pre-warmed pool, and the most any pool grows to
   * @param warmMinimum instances the hybrid keeps warm
   * @param idleTimeout how long a dynamic or hybrid pool keeps an idle instance beyond its minimum
   * @throws IllegalArgumentException naming the strategies when {@code name} is none of them
   */
  public static InstanceStrategy create(
      String name, int poolSize, int warmMinimum, Duration idleTimeout) {
    switch (name) {
      case "cold":
        return new ColdStrategy();
      case "fresh-instance":
        return new FreshInstanceStrategy();
      case "prewarmed-pool":
        return new PooledStrategy(name, poolSize, poolSize, idleTimeout);
      case "dynamic-pool":
        return new PooledStrategy(name, 0, poolSize, idleTimeout);
      case "hybrid":
        return new PooledStrategy(name, warmMinimum, poolSize, idleTimeout);
      case "shared":
        return new SharedStrategy();
      default:
        throw new IllegalArgumentException(
            "unknown strategy '" + name + "'; choose one of " + String.join(", ", NAMES));
    }
  }
}
