package dev.wasmlens.bench.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scorer's counting, on operations and verdicts made up so that every count is known. */
class RunScoreTest {
  private static final long MS = 1_000_000;
  private static final long T0 = 1_000_000 * MS;
  private static final String CALL = "CALL m checksum";

  /** Warm-up 0-1 s, clean 1-3 s, fault 3-5 s (injector's line 3.0-4.9 s), clean 5-7 s. */
  private static final Truth TRUTH =
      new Truth(
          "host-block",
          1,
          "CONTENTION",
          "HOST_FUNCTIONS",
          "fault-host-block",
          List.of(new Interval(T0 + 3000 * MS, T0 + 4900 * MS)),
          new Interval(T0, T0 + 1000 * MS),
          List.of(
              new Interval(T0 + 1000 * MS, T0 + 3000 * MS),
              new Interval(T0 + 5000 * MS, T0 + 7000 * MS)));

  @Test
  void recallCountsTheExcessOverTheCleanRateAndPrecisionTheSlowedCleanOperationsNamedAlike()
      throws Exception {
    RunScore score = hostBlockRun();
    assertThat(score.thresholds).isEqualTo(Map.of(CALL, 3 * MS / 10));
    assertThat(score.cleanOperations).isEqualTo(100);
    assertThat(score.slowedClean).isEqualTo(1);
    assertThat(score.faultOperations).isEqualTo(51);
    assertThat(score.slowedInFault).isEqualTo(11);
    assertThat(score.unscored).isEqualTo(1);
    assertThat(score.noise).isCloseTo(0.51, within(1e-9));
    assertThat(score.excess()).isCloseTo(10.49, within(1e-9));
    assertThat(score.right).isEqualTo(9);
    assertThat(score.wrong).isEqualTo(1);
    assertThat(score.faultCauses)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "CONTENTION",
                8L,
                "CPU_STARVATION",
                1L,
                "HOST_FUNCTIONS",
                1L,
                RunScore.NOT_IN_TAIL,
                1L));
    assertThat(score.recall()).isCloseTo(9 / 10.49, within(1e-9));
    assertThat(score.precision()).isCloseTo(0.9, within(1e-9));
  }

  @Test
  void withNoExcessRecallIsNotANumberAndWithNothingNamedNeitherIsPrecision() {
    List<Operation> operations = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      long start = T0 + 1100 * MS + i * 10 * MS;
      operations.add(new Operation("CALL", CALL, 1, "wasm-request-1", start, start + MS / 10));
    }
    RunScore score =
        RunScore.score(
            TRUTH, operations, AnalyzerReport.parse(new ObjectMapper().createObjectNode()));
    assertThat(score.slowedInFault).isZero();
    assertThat(score.recall()).isNaN();
    assertThat(score.precision()).isNaN();
  }

  @Test
  void pooledRecallCountsNoRunsRightAnswersBeyondItsExcess() throws Exception {
    RunScore found = hostBlockRun();
    // A second run whose fault slowed nothing beyond noise, yet 3 of its noise got the cause.
    RunScore noiseOnly = hostBlockRun();
    noiseOnly.slowedInFault = 3;
    noiseOnly.noise = 3;
    noiseOnly.right = 3;
    SuiteScore suite = new SuiteScore();
    suite.add(found);
    suite.add(noiseOnly);
    assertThat(suite.recall("host-block")).isCloseTo(9 / 10.49, within(1e-9));
  }

  @Test
  void aTruthNamingWhoHadTheCpusAcceptsOnlyThatTakerAndAPlainCauseAcceptsAny() throws Exception {
    assertThat(RunScore.names("CPU_STARVATION/OTHER_PROCESSES", "CPU_STARVATION")).isTrue();
    assertThat(RunScore.names("CPU_STARVATION", "CPU_STARVATION/OTHER_PROCESSES")).isFalse();
    assertThat(RunScore.names("CPU_STARVATION/HYPERVISOR_STEAL", "CPU_STARVATION/OTHER_PROCESSES"))
        .isFalse();
    assertThat(RunScore.names("CONTENTION", "CPU_STARVATION/APPLICATION_THREADS|CONTENTION"))
        .isTrue();
    assertThat(RunScore.names("CPU_STARVATION_X", "CPU_STARVATION")).isFalse();
    assertThat(RunScore.names("JIT", null)).isFalse();
    // A taker may be required down to its thread; a taker without one accepts any thread.
    String injectorThread = "CPU_STARVATION/APPLICATION_THREADS@fault-large-memory";
    assertThat(
            RunScore.names("CPU_STARVATION/APPLICATION_THREADS@fault-large-memory", injectorThread))
        .isTrue();
    assertThat(RunScore.names("CPU_STARVATION/APPLICATION_THREADS@wasm-request-2", injectorThread))
        .isFalse();
    assertThat(RunScore.names("CPU_STARVATION/APPLICATION_THREADS", injectorThread)).isFalse();
    assertThat(
            RunScore.names(
                "CPU_STARVATION/APPLICATION_THREADS@wasm-request-2",
                "CPU_STARVATION/APPLICATION_THREADS"))
        .isTrue();
    assertThat(RunScore.names("CPU_STARVATION/OTHER_PROCESSES@x", "CPU_STARVATION")).isTrue();

    // The analyzer's JSON: the main cause's largest share says who had the CPUs.
    AnalyzerReport report =
        AnalyzerReport.parse(
            new ObjectMapper()
                .readTree(
                    "{\"services\":[{\"tail\":[{\"operation\":{\"threadId\":1,"
                        + "\"startNanos\":5,\"endNanos\":9},\"mainCause\":\"CPU_STARVATION\","
                        + "\"shares\":[{\"cause\":\"CPU_STARVATION\",\"nanos\":1,"
                        + "\"takenBy\":\"HYPERVISOR_STEAL\"},{\"cause\":\"CPU_STARVATION\","
                        + "\"nanos\":2,\"takenBy\":\"OTHER_PROCESSES\"},{\"cause\":\"JIT\","
                        + "\"nanos\":1,\"takenBy\":\"JIT_COMPILER_THREADS\"}]},"
                        + "{\"operation\":{\"threadId\":1,\"startNanos\":10,\"endNanos\":19},"
                        + "\"mainCause\":\"CPU_STARVATION\",\"shares\":[{\"cause\":"
                        + "\"CPU_STARVATION\",\"nanos\":9,\"takenBy\":\"APPLICATION_THREADS\","
                        + "\"takenByThread\":\"fault-large-memory\"}]}]}]}"));
    assertThat(report.verdict(new Operation("CALL", CALL, 1, "wasm-request-1", 5, 9)).named())
        .isEqualTo("CPU_STARVATION/OTHER_PROCESSES");
    assertThat(report.verdict(new Operation("CALL", CALL, 1, "wasm-request-1", 10, 19)).named())
        .isEqualTo("CPU_STARVATION/APPLICATION_THREADS@fault-large-memory");
  }

  /**
   * A host-block run in which 9 of 10.49 excess slowed calls are named right and 1 clean wrongly.
   */
  private static RunScore hostBlockRun() throws Exception {
    List<Operation> operations = new ArrayList<>();
    List<String> tail = new ArrayList<>();
    // 100 clean calls of 100 us, one of them 1 ms: p99 100 us, slowed above 300 us, 1% slowed.
    for (int i = 0; i < 100; i++) {
      long start = T0 + 1100 * MS + i * 10 * MS;
      long duration = i == 50 ? MS : MS / 10;
      operations.add(new Operation("CALL", CALL, 1, "wasm-request-1", start, start + duration));
    }
    tail.add(verdict(1, T0 + 1600 * MS, "CONTENTION"));
    // 50 calls in the fault, 10 of them 5 ms: 8 named CONTENTION, 1 CPU_STARVATION, 1 not in the
    // tail.
    for (int i = 0; i < 50; i++) {
      long start = T0 + 3100 * MS + i * 20 * MS;
      long duration = i < 10 ? 5 * MS : MS / 10;
      operations.add(new Operation("CALL", CALL, 2, "wasm-request-2", start, start + duration));
      if (i < 8) {
        tail.add(verdict(2, start, "CONTENTION"));
      } else if (i == 8) {
        tail.add(verdict(2, start, "CPU_STARVATION"));
      }
    }
    // The injector's own blocked call, named for its host function as the truth expects.
    operations.add(
        new Operation("CALL", CALL, 9, "fault-host-block", T0 + 4000 * MS, T0 + 4030 * MS));
    tail.add(verdict(9, T0 + 4000 * MS, "HOST_FUNCTIONS"));
    // Slowed in the fault's aftermath (within 500 ms of its end): neither clean nor the fault's.
    operations.add(
        new Operation("CALL", CALL, 1, "wasm-request-1", T0 + 5100 * MS, T0 + 5110 * MS));
    tail.add(verdict(1, T0 + 5100 * MS, "CONTENTION"));
    // A key with too few clean operations is not scored.
    operations.add(
        new Operation(
            "TEARDOWN", "TEARDOWN  store", 1, "wasm-request-1", T0 + 3200 * MS, T0 + 3300 * MS));

    return RunScore.score(
        TRUTH,
        operations,
        AnalyzerReport.parse(
            new ObjectMapper()
                .readTree("{\"services\":[{\"tail\":[" + String.join(",", tail) + "]}]}")));
  }

  @Test
  void floorsSayWhichScenarioFellShortAndAFloorOnNothingScoredIsNotMet() throws Exception {
    SuiteScore suite = new SuiteScore();
    suite.add(hostBlockRun());
    // Recall 86%, precision 90%.
    assertThat(
            new ScoreFloors(Map.of("host-block", 0.8), Map.of("host-block", 0.9), 2).unmet(suite))
        .isEmpty();
    assertThat(
            new ScoreFloors(
                    Map.of("host-block", 0.9, "cpu-hog", 0.5), Map.of("host-block", 0.95), 2)
                .unmet(suite))
        .containsExactlyInAnyOrder(
            "host-block: recall 86%, below the floor of 90%",
            "cpu-hog: no recall (not scored, or nothing to count)",
            "host-block: precision 90%, below the floor of 95%");
  }

  private static String verdict(long threadId, long start, String cause) {
    return String.format(
        "{\"operation\":{\"threadId\":%d,\"startNanos\":%d,\"endNanos\":%d},"
            + "\"shares\":[{\"cause\":\"%s\",\"nanos\":1}],\"mainCause\":\"%s\"}",
        threadId, start, start + 1, cause, cause);
  }
}
