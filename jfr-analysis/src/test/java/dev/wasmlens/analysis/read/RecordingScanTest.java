package dev.wasmlens.analysis.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingScanTest {
  @TempDir Path work;

  @Name("wasmlens.Teardown")
  static final class Teardown extends Event {
    String kind;
    String outcome;
  }

  @Test
  void everyOperationIsSeenOnlyTheKeptOnesAreStoredAndProgressIsReported() throws Exception {
    Path file = work.resolve("teardowns.jfr");
    try (Recording recording = new Recording()) {
      recording.enable(Teardown.class).withoutThreshold();
      recording.start();
      for (int i = 0; i < 250; i++) {
        Teardown teardown = new Teardown();
        teardown.kind = i % 5 == 0 ? "Store" : "Func";
        teardown.outcome = "ok";
        teardown.commit();
      }
      recording.stop();
      recording.dump(file);
    }
    AtomicInteger seen = new AtomicInteger();
    List<Long> progress = new ArrayList<>();
    List<Double> fractions = new ArrayList<>();

    RecordingScan scan =
        RecordingScan.read(
            file,
            operation -> seen.incrementAndGet(),
            operation -> "Store".equals(operation.name()),
            (events, fraction) -> {
              progress.add(events);
              fractions.add(fraction);
            },
            100);

    assertThat(seen.get()).isEqualTo(250);
    assertThat(scan.wasmEvents()).isEqualTo(250);
    assertThat(scan.operations())
        .hasSize(50)
        .allSatisfy(o -> assertThat(o.phase()).isEqualTo(WasmOperation.Phase.TEARDOWN));
    assertThat(progress).isNotEmpty().allSatisfy(count -> assertThat(count % 100).isZero());
    assertThat(progress.get(progress.size() - 1)).isLessThanOrEqualTo(scan.events());
    // The chunk headers give the recording's time, so progress is told as a share of it.
    assertThat(fractions).allSatisfy(f -> assertThat(f).isBetween(0.0, 1.0));
  }

  @Test
  void theRecordingsSpanComesFromItsChunkHeadersAndIsNullForOtherFiles() throws Exception {
    Path file = work.resolve("span.jfr");
    java.time.Instant before = java.time.Instant.now();
    try (Recording recording = new Recording()) {
      recording.enable(Teardown.class).withoutThreshold();
      recording.start();
      Thread.sleep(50);
      recording.stop();
      recording.dump(file);
    }
    java.time.Instant after = java.time.Instant.now();
    RecordingSpan span = RecordingSpan.of(file);
    assertThat(span).isNotNull();
    assertThat(span.startNanos())
        .isBetween(RecordingScan.nanos(before) - 1_000_000_000L, RecordingScan.nanos(after));
    assertThat(span.endNanos() - span.startNanos()).isGreaterThanOrEqualTo(40_000_000L);
    assertThat(span.fractionAt(span.startNanos())).isZero();
    assertThat(span.fractionAt(span.endNanos() + 1)).isEqualTo(1.0);
    assertThat(RecordingSpan.of(java.nio.file.Files.writeString(work.resolve("t.jfr"), "text")))
        .isNull();
  }
}
