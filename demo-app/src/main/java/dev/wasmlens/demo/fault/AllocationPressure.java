package dev.wasmlens.demo.fault;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * GC from allocation alone, with no {@code System.gc()}: allocates {@link
 * #ALLOCATION_MIB_PER_SECOND} MiB/s in {@link #CHUNK_BYTES}-byte arrays into a ring that keeps the
 * last {@link #RETAINED_MIB} MiB reachable, so that each chunk outlives a young collection or two
 * and the collector copies and promotes it. In a small heap (the suite runs the service with {@code
 * -Xmx256m}) G1 then collects several times a second with pauses of milliseconds. The allocation is
 * paced in slices of {@link #SLICE} so the injector's own CPU use stays well below a core: the
 * pauses are the effect, not competition for the cores.
 */
final class AllocationPressure implements FaultInjector {
  static final int ALLOCATION_MIB_PER_SECOND = 600;
  static final int RETAINED_MIB = 48;
  static final int CHUNK_BYTES = 64 * 1024;
  static final Duration SLICE = Duration.ofMillis(10);

  private static final long MIB = 1024 * 1024;

  @Override
  public String name() {
    return "alloc-gc";
  }

  @Override
  public String inject(Duration duration) throws InterruptedException {
    long before = collections();
    long pauseMillisBefore = collectionMillis();
    byte[][] ring = new byte[(int) (RETAINED_MIB * MIB / CHUNK_BYTES)][];
    long chunksPerSlice = ALLOCATION_MIB_PER_SECOND * MIB / CHUNK_BYTES * SLICE.toMillis() / 1000;
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long allocated = 0;
    int next = 0;
    for (long slice = 1; System.nanoTime() < end; slice++) {
      for (long i = 0; i < chunksPerSlice; i++) {
        ring[next] = new byte[CHUNK_BYTES];
        next = (next + 1) % ring.length;
        allocated++;
      }
      long due = start + slice * SLICE.toNanos();
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
    }
    return String.format(
        "%d MiB allocated, %d MiB kept live; %d collections, %d ms collecting (GC MXBeans)",
        allocated * CHUNK_BYTES / MIB,
        RETAINED_MIB,
        collections() - before,
        collectionMillis() - pauseMillisBefore);
  }

  private static long collections() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionCount());
    }
    return total;
  }

  private static long collectionMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }
}
