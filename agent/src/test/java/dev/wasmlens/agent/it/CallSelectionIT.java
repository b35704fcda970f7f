package dev.wasmlens.agent.it;

import static dev.wasmlens.agent.it.WasmEvents.CALL;
import static dev.wasmlens.agent.it.WasmEvents.CALL_HISTOGRAM;
import static dev.wasmlens.agent.it.WasmEvents.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlens.agent.it.app.TailCallsApp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which calls become {@code wasmlens.Call} events, on a real guest in a child JVM ({@link
 * TailCallsApp}: a busy export with slow, failing and first calls among its fast ones). At the
 * default settings every call is counted in the histograms and only the slow, failed and first ones
 * are events; in a diagnosis every call is an event. Neither changes what the application sees, and
 * a call allocates nothing the application would not.
 */
class CallSelectionIT {
  private static ThreeRuns runs;

  @BeforeAll
  static void runTheAppThreeWays() throws Exception {
    runs = ThreeRuns.of(TailCallsApp.class, "tail-calls");
  }

  @Test
  void theApplicationRunsAsWithoutTheAgent() {
    for (ChildJvm.Result result : runs.all()) {
      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(AppReport.counts(result).get("traps")).isPositive();
    }
    assertThat(runs.production.suppressedFailures()).isZero();
    assertThat(runs.diagnosis.suppressedFailures()).isZero();
  }

  @Test
  void everyCallIsCountedButOnlySlowFailedAndFirstCallsAreEventsByDefault() {
    Map<String, Long> made = AppReport.counts(runs.production);
    List<RecordedEvent> events = runs.productionEvents.where(CALL, field("export", "work"));
    assertThat(countedCalls(runs.productionEvents)).isEqualTo(made.get("calls"));
    // Failed calls and first calls into an instance, however fast.
    assertThat(events.stream().filter(e -> "trap".equals(e.getString("outcome"))))
        .hasSize(made.get("traps").intValue());
    assertThat(events.stream().filter(e -> e.getBoolean("firstForInstance")))
        .hasSize(made.get("instances").intValue());
    // In the mixed phase, every call that took a millisecond, the slow ones at least, and none the
    // caller did not see. Once the histograms have seen a busy second, the fast calls are counted,
    // not recorded: at most 5% of them are events (the threshold is the last second's p95).
    List<RecordedEvent> mixed = ThreeRuns.inMixedPhase(events, made);
    long overOneMillisecond =
        mixed.stream().filter(e -> e.getDuration().compareTo(Duration.ofMillis(1)) >= 0).count();
    assertThat(overOneMillisecond)
        .isGreaterThanOrEqualTo(made.get("slow"))
        .isLessThanOrEqualTo(made.get("caller-saw-over-1ms"));
    long kept = made.get("slow") + made.get("traps") + made.get("instances");
    long mixedCalls = made.get("mixed-calls");
    assertThat(mixed.size() - kept)
        .as("events of fast calls among %d calls in the mixed phase", mixedCalls)
        .isLessThanOrEqualTo(mixedCalls / 20);
  }

  @Test
  void aboveTheFloorTheTailIsWhatADiagnosisWouldRecord() throws Exception {
    // Every call of at least a millisecond (above the 100 us floor and any second's p95 here) is an
    // event, as in a diagnosis: as many events as the histograms counted such calls. The margins
    // are the histogram's 1% and the time between the agent's two clocks at the end of a call
    // (JFR's is read once the call is known to be kept, and a preemption there lengthens the event:
    // 4 of 346 events once, on a loaded machine).
    List<RecordedEvent> events = runs.productionEvents.where(CALL, field("export", "work"));
    org.HdrHistogram.Histogram counted = new org.HdrHistogram.Histogram(2);
    for (RecordedEvent interval :
        runs.productionEvents.where(CALL_HISTOGRAM, field("export", "work"))) {
      counted.add(
          org.HdrHistogram.Histogram.decodeFromCompressedByteBuffer(
              java.nio.ByteBuffer.wrap(
                  java.util.Base64.getDecoder().decode(interval.getString("histogram"))),
              0));
    }
    long millisecond = Duration.ofMillis(1).toNanos();
    long countedSlow = counted.getCountBetweenValues(millisecond, counted.getMaxValue());
    assertThat(countedSlow)
        .isPositive()
        .isLessThanOrEqualTo(eventsOfAtLeast(events, millisecond * 98 / 100));
    assertThat(eventsOfAtLeast(events, millisecond * 102 / 100))
        .isLessThanOrEqualTo(countedSlow + Math.max(2, countedSlow / 50));
  }

  private static long eventsOfAtLeast(List<RecordedEvent> events, long nanos) {
    return events.stream().filter(e -> e.getDuration().toNanos() >= nanos).count();
  }

  @Test
  void aDiagnosisRecordsEveryCallAsAnEventWithItsCpuTime() {
    Map<String, Long> made = AppReport.counts(runs.diagnosis);
    List<RecordedEvent> events = runs.diagnosisEvents.where(CALL, field("export", "work"));
    assertThat(events).hasSize(made.get("calls").intValue());
    assertThat(countedCalls(runs.diagnosisEvents)).isEqualTo(made.get("calls"));
    assertThat(events).allSatisfy(e -> assertThat(e.getLong("cpuTime")).isNotNegative());
  }

  @Test
  void aCountedCallAllocatesNoMoreThanWithoutTheAgent() {
    double bareBytes = AppReport.bytesPerCall(runs.bare);
    // The measured calls are fast, so counted only; a diagnosis records each as an event, through
    // the thread's one reused event object.
    assertThat(AppReport.bytesPerCall(runs.production))
        .isLessThan(bareBytes + AppReport.ONE_OFF_BYTES_PER_CALL);
    assertThat(AppReport.bytesPerCall(runs.diagnosis))
        .isLessThan(bareBytes + AppReport.ONE_OFF_BYTES_PER_CALL);
  }

  /** The calls into {@code work} the histograms counted. */
  private static long countedCalls(WasmEvents events) {
    return events.where(CALL_HISTOGRAM, field("export", "work")).stream()
        .mapToLong(e -> e.getLong("count"))
        .sum();
  }
}
