package dev.wasmlens.demo.fault;

import java.time.Duration;

/**
 * GC pressure: an allocation storm that keeps 16 MiB alive in a sliding window, and an explicit
 * collection every {@link #EXPLICIT_GC_INTERVAL}: stop-the-world pauses that hold up every request
 * returning to Java meanwhile.
 */
final class GcPressure implements FaultInjector {
  static final Duration EXPLICIT_GC_INTERVAL = Duration.ofMillis(100);
  private static final int CHUNK_BYTES = 64 * 1024;
  private static final int LIVE_CHUNKS = 256;

  @Override
  public String name() {
    return "gc";
  }

  @Override
  public String inject(Duration duration) {
    byte[][] live = new byte[LIVE_CHUNKS][];
    long end = System.nanoTime() + duration.toNanos();
    long nextGc = System.nanoTime();
    long allocated = 0;
    int collections = 0;
    for (int i = 0; System.nanoTime() < end; i++) {
      live[i % LIVE_CHUNKS] = new byte[CHUNK_BYTES];
      allocated += CHUNK_BYTES;
      if (System.nanoTime() >= nextGc) {
        System.gc();
        collections++;
        nextGc = System.nanoTime() + EXPLICIT_GC_INTERVAL.toNanos();
      }
    }
    return collections + " explicit GCs, " + allocated / (1024 * 1024) + " MiB allocated";
  }
}
