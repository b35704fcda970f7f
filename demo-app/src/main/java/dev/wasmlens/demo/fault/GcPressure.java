package dev.wasmlens.demo.fault;

import java.time.Duration;

/**
 * GC pressure: a live set of {@link #LIVE_MIB} MiB and an explicit full collection every {@link
 * #EXPLICIT_GC_INTERVAL}, idle in between. Each collection is a stop-the-world pause that holds up
 * every request returning to Java meanwhile; between them the injector uses no CPU, so the pauses
 * are the effect, not competition for the cores.
 */
final class GcPressure implements FaultInjector {
  static final Duration EXPLICIT_GC_INTERVAL = Duration.ofMillis(100);
  static final int LIVE_MIB = 64;

  @Override
  public String name() {
    return "gc";
  }

  @Override
  public String inject(Duration duration) throws InterruptedException {
    byte[][] live = new byte[LIVE_MIB][];
    for (int i = 0; i < LIVE_MIB; i++) {
      live[i] = new byte[1024 * 1024];
    }
    long end = System.nanoTime() + duration.toNanos();
    int collections = 0;
    while (System.nanoTime() < end) {
      System.gc();
      collections++;
      Thread.sleep(EXPLICIT_GC_INTERVAL.toMillis());
    }
    return collections + " explicit full GCs with " + live.length + " MiB live";
  }
}
