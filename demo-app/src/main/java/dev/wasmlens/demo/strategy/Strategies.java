package dev.wasmlens.demo.strategy;

import io.github.kawamuray.wasmtime.Engine;
import java.time.Duration;
import java.util.List;

/** The instance strategies by name, with the pool sizes they use. */
public final class Strategies {
  /** Every strategy of the trade-off table, from most to least isolated. */
  public static final List<String> NAMES =
      List.of("cold", "fresh-instance", "prewarmed-pool", "dynamic-pool", "hybrid", "shared");

  /**
   * The fault suite's strategy beside them: {@code shared} without its Java monitor, so that
   * requests wait on the binding's native store lock ({@code host-block} fault).
   */
  public static final String SHARED_STORE = "shared-store";

  private Strategies() {}

  /**
   * Creates the strategy called {@code name}.
   *
   * @param engine the engine every strategy but {@code cold} compiles on and instantiates from; it
   *     stays the caller's to dispose of
   * @param poolSize instances of the pre-warmed pool, and the most any pool grows to
   * @param warmMinimum instances the hybrid keeps warm
   * @param idleTimeout how long a dynamic or hybrid pool keeps an idle instance beyond its minimum
   * @throws IllegalArgumentException naming the strategies when {@code name} is none of them
   */
  public static InstanceStrategy create(
      String name, Engine engine, int poolSize, int warmMinimum, Duration idleTimeout) {
    switch (name) {
      case "cold":
        return new ColdStrategy();
      case "fresh-instance":
        return new FreshInstanceStrategy(engine);
      case "prewarmed-pool":
        return new PooledStrategy(name, engine, poolSize, poolSize, idleTimeout);
      case "dynamic-pool":
        return new PooledStrategy(name, engine, 0, poolSize, idleTimeout);
      case "hybrid":
        return new PooledStrategy(name, engine, warmMinimum, poolSize, idleTimeout);
      case "shared":
        return new SharedStrategy(engine, true);
      case SHARED_STORE:
        return new SharedStrategy(engine, false);
      default:
        throw new IllegalArgumentException(
            "unknown strategy '"
                + name
                + "'; choose one of "
                + String.join(", ", NAMES)
                + ", "
                + SHARED_STORE);
    }
  }
}
