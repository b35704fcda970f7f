package dev.wasmlens.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Call distributions from the agent's call histograms ({@code wasmlens.CallHistogram}) where they
 * hold calls the call events do not, and from the events where those hold every call.
 */
class CountedCallsTest {
  @TempDir Path work;

  @Test
  void histogramsThatCountMoreCallsThanTheEventsGiveTheRowsAndTheEventsGiveTheTail()
      throws Exception {
    // 50 events: 45 fast calls of about 50 us, 5 slow ones of 20 ms (SyntheticRecording).
    Path events = SyntheticRecording.write(work.resolve("events.jfr"), 50);
    // The histograms of another recording counted 10,000 fast calls of 40-60 us, and the same 5
    // slow calls as the events: the fast row must come from them, the slow one from the events.
    java.time.Instant beforeHistograms = java.time.Instant.now();
    Path both =
        withHistograms(
            events,
            () -> {
              Histogram fast = new Histogram(2);
              for (int i = 0; i < 10_000; i++) {
                fast.recordValue(TimeUnit.MICROSECONDS.toNanos(40 + i % 21));
              }
              commit("fast", fast);
              Histogram slow = new Histogram(2);
              for (int i = 0; i < 5; i++) {
                slow.recordValue(TimeUnit.MILLISECONDS.toNanos(20));
              }
              commit("slow", slow);
            });

    List<String> problems = new ArrayList<>();
    Analysis withHistograms =
        new Analyzer(99, -1).analyze(List.of(both), problems, line -> {}).get(0);
    Analysis eventsOnly =
        new Analyzer(99, -1).analyze(List.of(events), problems, line -> {}).get(0);
    assertThat(problems).isEmpty();

    assertThat(row(withHistograms, "fast").count()).isEqualTo(10_000);
    assertThat(row(withHistograms, "fast").p50Nanos())
        .isBetween(TimeUnit.MICROSECONDS.toNanos(49), TimeUnit.MICROSECONDS.toNanos(51));
    assertThat(row(withHistograms, "slow").count()).isEqualTo(5);
    assertThat(row(withHistograms, null).count()).isEqualTo(10_005);
    assertThat(withHistograms.warnings())
        .anySatisfy(
            w ->
                assertThat(w)
                    .contains("10000 counted by the agent's call histograms, 45 of them recorded"));
    // The tail is made of events, at the percentile of every call counted: p99 of 10,005 calls is
    // a fast call's (at most 60 us), below all 5 slow calls; p99 of the 50 events alone is a slow
    // call's (each sleeps 20 ms), so which of them lie above it depends on their sleeps.
    assertThat(row(withHistograms, null).p99Nanos()).isLessThan(TimeUnit.MILLISECONDS.toNanos(1));
    assertThat(row(eventsOnly, null).p99Nanos())
        .isGreaterThanOrEqualTo(SyntheticRecording.SLOW_CALL_HOST_TIME.toNanos());
    assertThat(tailNames(withHistograms)).filteredOn("CALL slow"::equals).hasSize(5);
    // The histograms' tail holds fast calls (the 1% slowest of 10,000: about 100) that no event
    // describes, and the report says so; with events only, the events are every call.
    assertThat(withHistograms.warnings())
        .anySatisfy(
            w ->
                assertThat(w)
                    .containsPattern("the tail \\(from [0-9.]+ us\\) holds at least [0-9]+ calls")
                    .contains("wasmlens.diagnosis=true"));
    assertThat(row(eventsOnly, "fast").count()).isEqualTo(45);
    assertThat(eventsOnly.warnings()).noneSatisfy(w -> assertThat(w).contains("histograms"));
    // A tail that starts above every fast call holds only calls that are events: nothing to say.
    Analysis fromOneMillisecond =
        new Analyzer(99, TimeUnit.MILLISECONDS.toNanos(1))
            .analyze(List.of(both), problems, line -> {})
            .get(0);
    assertThat(fromOneMillisecond.warnings())
        .noneSatisfy(w -> assertThat(w).contains("the tail ("));

    // A window that ends before the histograms' intervals leaves them out, and their calls.
    Analysis windowed =
        new Analyzer(
                99,
                -1,
                dev.wasmlens.analysis.read.TimeWindow.of(null, beforeHistograms, null),
                Analyzer.DEFAULT_STALL_LIMIT)
            .analyze(List.of(both), problems, line -> {})
            .get(0);
    assertThat(row(windowed, "fast").count()).isEqualTo(45);
  }

  @Test
  void eventsThatHoldMostOfTheCountedCallsStayTheirSource() throws Exception {
    // As in a diagnosis whose oldest chunk was dropped: the histograms counted 60 calls of "fast",
    // the events hold 45 of them, of their own, longer durations (about 50 us against 1 us).
    Path events = SyntheticRecording.write(work.resolve("events.jfr"), 50);
    Path both =
        withHistograms(
            events,
            () -> {
              Histogram fast = new Histogram(2);
              for (int i = 0; i < 60; i++) {
                fast.recordValue(TimeUnit.MICROSECONDS.toNanos(1));
              }
              commit("fast", fast);
            });

    List<String> problems = new ArrayList<>();
    Analysis analysis = new Analyzer(99, -1).analyze(List.of(both), problems, line -> {}).get(0);
    assertThat(problems).isEmpty();
    assertThat(row(analysis, "fast").count()).isEqualTo(45);
    assertThat(row(analysis, "fast").p50Nanos()).isGreaterThan(TimeUnit.MICROSECONDS.toNanos(10));
    assertThat(analysis.warnings()).noneSatisfy(w -> assertThat(w).contains("histograms"));
  }

  /**
   * {@code events} followed by a recording of the histogram events {@code commits} commits, as one
   * file.
   */
  private Path withHistograms(Path events, Runnable commits) throws Exception {
    try (Recording recording = new Recording()) {
      recording.enable(SyntheticRecording.CallHistogram.class);
      recording.start();
      commits.run();
      recording.stop();
      recording.dump(work.resolve("histograms.jfr"));
    }
    Path both = work.resolve("both.jfr");
    java.nio.file.Files.write(
        both,
        concat(
            java.nio.file.Files.readAllBytes(events),
            java.nio.file.Files.readAllBytes(work.resolve("histograms.jfr"))));
    return both;
  }

  private static void commit(String export, Histogram calls) {
    ByteBuffer buffer = ByteBuffer.allocate(calls.getNeededByteBufferCapacity());
    int length = calls.encodeIntoCompressedByteBuffer(buffer);
    SyntheticRecording.CallHistogram event = new SyntheticRecording.CallHistogram();
    event.module = "synthetic.wasm";
    event.export = export;
    event.interval = TimeUnit.SECONDS.toNanos(1);
    event.count = calls.getTotalCount();
    event.histogram =
        Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    event.commit();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  /** The call row of {@code export}, or the call phase's row for null. */
  private static Distributions.Row row(Analysis analysis, String export) {
    return analysis.distributions().stream()
        .filter(r -> r.phase().equals("call"))
        .filter(r -> export == null ? r.module() == null : export.equals(r.name()))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> tailNames(Analysis analysis) {
    return analysis.tail().stream()
        .map(t -> t.operation().phase() + " " + t.operation().name())
        .sorted()
        .toList();
  }
}
