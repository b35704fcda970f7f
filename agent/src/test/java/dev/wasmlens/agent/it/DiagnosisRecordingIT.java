package dev.wasmlens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlens.agent.it.app.CrowdedCpuApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A diagnosis recording ({@code cpu-time=all}) of more runnable threads than cores: every call says
 * how long its thread waited for a CPU, and the thread sampler says what every thread of the
 * process did, joined to JFR's threads by OS thread id. The default recording reads neither.
 */
class DiagnosisRecordingIT {
  private static final int CALLS = 20_000;

  /** JFR's "no value" for a long field: {@code jfr print} shows N/A. */
  private static final long UNKNOWN = Long.MIN_VALUE;

  /** JFR's ticks and the thread clocks are read at slightly different moments. */
  private static final long CLOCK_SLACK_NANOS = 100_000;

  private static WasmEvents diagnosis;
  private static ChildJvm.Result diagnosisRun;
  private static WasmEvents standard;

  @BeforeAll
  static void record() throws Exception {
    Path recording = ChildJvm.recordingFile("crowded-diagnosis");
    diagnosisRun =
        ChildJvm.app(CrowdedCpuApp.class.getName(), ChildJvm.WASM_DIR.toString(), "" + CALLS)
            .withAgent("jfr.file=" + recording + ",cpu-time=all")
            .run("crowded-diagnosis");
    diagnosis = WasmEvents.read(recording);
    Path defaults = ChildJvm.recordingFile("crowded-default");
    ChildJvm.Result standardRun =
        ChildJvm.app(CrowdedCpuApp.class.getName(), ChildJvm.WASM_DIR.toString(), "" + CALLS)
            .withAgent("jfr.file=" + defaults)
            .run("crowded-default");
    assertThat(standardRun.stdout()).isEqualTo(diagnosisRun.stdout());
    standard = WasmEvents.read(defaults);
  }

  @Test
  void everyCallSaysHowLongItsThreadWaitedForACpuAndTheWaitsAddUp() {
    List<RecordedEvent> calls = diagnosis.named(WasmEvents.CALL);
    assertThat(calls).hasSize(2 * CALLS);
    for (RecordedEvent call : calls) {
      long wall = call.getDuration().toNanos();
      long cpu = call.getLong("cpuTime");
      long runQueue = call.getLong("runQueueWait");
      assertThat(cpu).isNotNegative();
      assertThat(runQueue).isNotNegative();
      // On a CPU and waiting for one are disjoint parts of the call's wall time.
      assertThat(cpu + runQueue).isLessThanOrEqualTo(wall + CLOCK_SLACK_NANOS);
      // The kernel adds to the wait and to the switch count at the same moment, when the thread
      // is put back on a CPU: a call that waited was switched at least once.
      long switches = call.getLong("switches");
      assertThat(switches).isNotNegative();
      if (runQueue > 0) {
        assertThat(switches).isPositive();
      }
      // Read just outside the call (so that no block inside escapes it): a block on the way to
      // or back from the call's own readings may be in it too.
      assertThat(call.getLong("voluntarySwitches")).isNotNegative();
    }
    // The callers only compute: they were preempted by the spinners, not blocked, and a
    // preemption is not a voluntary switch.
    assertThat(calls)
        .anyMatch(c -> c.getLong("runQueueWait") > 0 && c.getLong("voluntarySwitches") == 0);
    // More spinning threads than cores: the callers must have queued.
    assertThat(calls.stream().mapToLong(c -> c.getLong("runQueueWait")).sum()).isPositive();
    assertThat(diagnosis.named(WasmEvents.INSTANTIATE))
        .allSatisfy(e -> assertThat(e.getLong("runQueueWait")).isNotNegative());
  }

  @Test
  void theSamplerFollowsEveryThreadJoinedToJfrsThreadsByOsThreadId() {
    List<RecordedEvent> samples = diagnosis.named("wasmlens.ThreadSample");
    Set<Long> callerThreads =
        diagnosis.named(WasmEvents.CALL).stream()
            .map(c -> c.getThread().getOSThreadId())
            .collect(Collectors.toSet());
    assertThat(callerThreads).hasSize(2);
    Set<Long> sampledThreads =
        samples.stream().map(s -> s.getLong("osThreadId")).collect(Collectors.toSet());
    assertThat(sampledThreads).containsAll(callerThreads);
    Set<String> names =
        samples.stream().map(s -> s.getString("threadName")).collect(Collectors.toSet());
    assertThat(names).contains("caller-0", "caller-1", "spinner-0", "wasmlens-sample");
    // JVM threads have no Java thread of their own in most events, and are sampled all the same.
    assertThat(names).anyMatch(n -> n.startsWith("C1 Compiler") || n.startsWith("C2 Compiler"));
    long spinnerWait =
        samples.stream()
            .filter(s -> s.getString("threadName").startsWith("spinner-"))
            .mapToLong(s -> s.getLong("runQueueWait"))
            .sum();
    assertThat(spinnerWait).isPositive();
    assertThat(samples)
        .allSatisfy(
            s -> {
              assertThat(s.getLong("cpuTime")).isNotNegative();
              assertThat(s.getLong("runQueueWait")).isNotNegative();
              assertThat(s.getLong("cpuTime") + s.getLong("runQueueWait") > 0).isTrue();
            });
    List<RecordedEvent> machine = diagnosis.named("wasmlens.MachineSample");
    assertThat(machine).isNotEmpty();
    assertThat(machine.stream().mapToLong(m -> m.getLong("busy")).sum()).isPositive();
    assertThat(machine.stream().mapToLong(m -> m.getLong("processCpu")).sum()).isPositive();
    assertThat(diagnosisRun.stderr()).containsPattern("thread sampler: \\d+ rounds, \\d+ ms CPU");
  }

  @Test
  void theDefaultRecordingReadsNoRunQueueAndRunsNoSampler() {
    List<RecordedEvent> clocked =
        standard.all.stream().filter(e -> e.hasField("runQueueWait")).toList();
    // At the default settings only the slow, failed and first calls are events (every call is
    // counted in the histograms): some of each thread's calls, not all of them.
    assertThat(standard.named(WasmEvents.CALL)).isNotEmpty();
    assertThat(clocked).hasSizeGreaterThan(standard.named(WasmEvents.CALL).size());
    assertThat(clocked).allSatisfy(e -> assertThat(e.getLong("runQueueWait")).isEqualTo(UNKNOWN));
    assertThat(clocked).allSatisfy(e -> assertThat(e.getLong("switches")).isEqualTo(-1));
    assertThat(clocked).allSatisfy(e -> assertThat(e.getLong("voluntarySwitches")).isEqualTo(-1));
    assertThat(standard.named(WasmEvents.CALL))
        .allSatisfy(e -> assertThat(e.getLong("cpuTime")).isEqualTo(UNKNOWN));
    assertThat(standard.named("wasmlens.ThreadSample")).isEmpty();
    assertThat(standard.named("wasmlens.MachineSample")).isEmpty();
  }
}
