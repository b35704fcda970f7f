package dev.wasmlens.demo.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory map row of docs/native-locks.md, by experiment: while one thread tears down stores
 * with 64 MiB of touched memory (the {@code large-memory} fault: the kernel frees their pages for
 * milliseconds, on a CPU, holding the process's memory map), the requests' own teardowns of small
 * stores that begin inside such a teardown are blocked off CPU (neither running nor waiting for a
 * CPU) far longer than the requests' teardowns of the same moments that do not. Judged against
 * those, in the same run.
 */
class MemoryMapLockTest {
  private static final Duration FAULT = Duration.ofSeconds(4);
  private static final Duration GAP = Duration.ofMillis(800);

  /** A large store's teardown on a CPU this long was unmapping (the analyzer's threshold). */
  private static final long UNMAPPING_CPU_NANOS = 500_000;

  @TempDir Path work;

  @Test
  void aStoresTeardownWaitsForAnotherThreadsUnmappingOfALargeStore() throws Exception {
    FaultedRun run =
        FaultedRun.record(
            work,
            List.of("-Xmx256m"),
            "fresh-instance",
            List.of("large-memory"),
            GAP,
            FAULT,
            (service, fault) -> {});
    List<RecordedEvent> storeTeardowns =
        run.during("large-memory", "wasmlens.Teardown").stream()
            .filter(e -> "Store".equals(e.getString("kind")))
            .collect(Collectors.toList());
    List<RecordedEvent> unmapping =
        storeTeardowns.stream()
            .filter(e -> e.getThread().getJavaName().equals("fault-large-memory"))
            .filter(e -> e.getLong("cpuTime") >= UNMAPPING_CPU_NANOS)
            .collect(Collectors.toList());
    assertThat(unmapping).as("the injector's teardowns long on a CPU").hasSizeGreaterThan(10);
    List<RecordedEvent> requests =
        storeTeardowns.stream()
            .filter(e -> e.getThread().getJavaName().startsWith("wasm-request-"))
            .filter(e -> e.getLong("cpuTime") >= 0 && e.getLong("runQueueWait") >= 0)
            .collect(Collectors.toList());
    List<Long> inside =
        requests.stream()
            .filter(e -> unmapping.stream().anyMatch(u -> beganInside(e, u)))
            .map(MemoryMapLockTest::blockedNanos)
            .sorted()
            .collect(Collectors.toList());
    List<Long> outside =
        requests.stream()
            .filter(e -> unmapping.stream().noneMatch(u -> overlaps(e, u)))
            .map(MemoryMapLockTest::blockedNanos)
            .sorted()
            .collect(Collectors.toList());
    assertThat(inside).as("request teardowns begun inside an unmapping").hasSizeGreaterThan(2);
    assertThat(outside).as("request teardowns clear of any").hasSizeGreaterThan(50);
    long insideMedian = inside.get(inside.size() / 2);
    long outsideP90 = outside.get(outside.size() * 9 / 10);
    // Measured here: a median of 5.9-6.7 ms blocked inside, against a p90 of 10-11 us outside.
    assertThat(insideMedian)
        .as(
            "median blocked ns of the %d inside, against the p90 of the %d outside (%d ns)",
            inside.size(), outside.size(), outsideP90)
        .isGreaterThan(10 * outsideP90 + 100_000);
  }

  private static boolean beganInside(RecordedEvent teardown, RecordedEvent unmapping) {
    return unmapping.getStartTime().isBefore(teardown.getStartTime())
        && unmapping.getEndTime().isAfter(teardown.getStartTime());
  }

  private static boolean overlaps(RecordedEvent a, RecordedEvent b) {
    return a.getStartTime().isBefore(b.getEndTime()) && b.getStartTime().isBefore(a.getEndTime());
  }

  /** Off CPU and not waiting for one: wall time minus the CPU time and the run-queue wait. */
  private static long blockedNanos(RecordedEvent teardown) {
    return teardown.getDuration().toNanos()
        - teardown.getLong("cpuTime")
        - teardown.getLong("runQueueWait");
  }
}
