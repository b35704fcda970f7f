package dev.wasmlens.agent.it;

import static dev.wasmlens.agent.it.WasmEvents.HOST_CALL;
import static dev.wasmlens.agent.it.WasmEvents.HOST_CALL_HISTOGRAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlens.agent.it.app.TailHostCallsApp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which host calls become {@code wasmlens.HostCall} events, on a real guest calling a Java host
 * function in a child JVM ({@link TailHostCallsApp}: fast host calls with slow and failing ones
 * among them). At the default settings every host call is counted in {@code
 * wasmlens.HostCallHistogram} and only the slow and failed ones are events; in a diagnosis every
 * one is. Neither changes what the application sees, and a host call allocates nothing the
 * application would not.
 */
class HostCallSelectionIT {
  private static ThreeRuns runs;

  @BeforeAll
  static void runTheAppThreeWays() throws Exception {
    runs = ThreeRuns.of(TailHostCallsApp.class, "tail-host-calls");
  }

  @Test
  void theApplicationRunsAsWithoutTheAgent() {
    for (ChildJvm.Result result : runs.all()) {
      // The app checks that every failing host call threw into it, and ends non-zero if not.
      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(AppReport.counts(result).get("failed")).isPositive();
    }
    assertThat(runs.production.suppressedFailures()).isZero();
    assertThat(runs.diagnosis.suppressedFailures()).isZero();
  }

  @Test
  void everyHostCallIsCountedButOnlySlowAndFailedOnesAreEventsByDefault() {
    Map<String, Long> made = AppReport.counts(runs.production);
    List<RecordedEvent> events = runs.productionEvents.named(HOST_CALL);
    assertThat(countedHostCalls(runs.productionEvents)).isEqualTo(made.get("host-calls"));
    assertThat(events.stream().filter(e -> !"ok".equals(e.getString("outcome"))))
        .hasSize(made.get("failed").intValue());
    // In the mixed phase, every host call that took a millisecond, the slow ones at least (a fast
    // one can too on a loaded machine), and none the caller did not see around its guest call.
    List<RecordedEvent> mixed = ThreeRuns.inMixedPhase(events, made);
    long overOneMillisecond =
        mixed.stream().filter(e -> e.getDuration().compareTo(Duration.ofMillis(1)) >= 0).count();
    assertThat(overOneMillisecond)
        .isGreaterThanOrEqualTo(made.get("slow"))
        .isLessThanOrEqualTo(made.get("caller-saw-over-1ms"));
    long kept = made.get("slow") + made.get("failed");
    long mixedHostCalls = made.get("mixed-host-calls");
    assertThat(mixed.size() - kept)
        .as("events of fast host calls among %d in the mixed phase", mixedHostCalls)
        .isLessThanOrEqualTo(mixedHostCalls / 20);
    assertThat(events)
        .allSatisfy(e -> assertThat(e.getString("importName")).isEqualTo("env.double"));
  }

  @Test
  void aDiagnosisRecordsEveryHostCallAsAnEvent() {
    Map<String, Long> made = AppReport.counts(runs.diagnosis);
    assertThat(runs.diagnosisEvents.named(HOST_CALL)).hasSize(made.get("host-calls").intValue());
    assertThat(countedHostCalls(runs.diagnosisEvents)).isEqualTo(made.get("host-calls"));
  }

  @Test
  void aCountedHostCallAllocatesNoMoreThanWithoutTheAgent() {
    double bareBytes = AppReport.bytesPerCall(runs.bare);
    assertThat(AppReport.bytesPerCall(runs.production))
        .isLessThan(bareBytes + AppReport.ONE_OFF_BYTES_PER_CALL);
    assertThat(AppReport.bytesPerCall(runs.diagnosis))
        .isLessThan(bareBytes + AppReport.ONE_OFF_BYTES_PER_CALL);
  }

  private static long countedHostCalls(WasmEvents events) {
    return events.named(HOST_CALL_HISTOGRAM).stream().mapToLong(e -> e.getLong("count")).sum();
  }
}
