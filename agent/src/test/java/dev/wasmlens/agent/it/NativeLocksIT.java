package dev.wasmlens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlens.agent.it.locks.CompileWait;
import dev.wasmlens.agent.it.locks.CompileWaitProbe;
import dev.wasmlens.agent.it.locks.LockProbeApp;
import dev.wasmlens.agent.it.locks.LockRow;
import dev.wasmlens.agent.it.locks.LockRows;
import dev.wasmlens.agent.it.locks.MonitorEventsProbe;
import dev.wasmlens.agent.it.locks.RowResult;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the native lock model of wasmtime-java 0.19.0 (docs/native-locks.md), one test per row of
 * {@link LockRows#ALL}: which operations wait for an operation another thread is inside, and which
 * the same thread may nest. The rows run in one child JVM without the agent, so nothing of ours
 * takes part; each is judged from what the probe observed while the holder was parked on a latch
 * (or on a named pipe, for a compile), never from a duration compared with a constant.
 */
class NativeLocksIT {
  private static Map<Integer, RowResult> results;

  @BeforeAll
  static void runProbe() throws Exception {
    ChildJvm.Result run = ChildJvm.app(LockProbeApp.class.getName()).run("native-locks");
    assertThat(run.exitCode()).as("probe exit code; stderr:\n%s", run.stderr()).isZero();
    assertThat(run.stdout()).contains("probe done");
    results =
        run.stdout()
            .lines()
            .map(RowResult::parse)
            .flatMap(Optional::stream)
            .collect(Collectors.toMap(RowResult::index, Function.identity()));
    assertThat(results).as("one result per row").hasSize(LockRows.ALL.size());
  }

  static Stream<LockRow> rows() {
    return LockRows.ALL.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void rowHolds(LockRow row) {
    RowResult result = results.get(LockRows.ALL.indexOf(row));
    assertThat(result.failure()).as("%s: what the operation threw", row).isEqualTo("-");
    assertThat(result.outcome())
        .as("%s: what the operation did while the holder was parked (%s)", row, result)
        .isEqualTo(row.expected());
    if (row.expected() == LockRow.Outcome.COMPLETED_AFTER_RELEASE) {
      // It returned only once the holder could go on: after the release, not merely late.
      assertThat(result.afterReleaseNanos())
          .as("%s: nanoseconds from release to return", row)
          .isNotNegative();
    }
  }

  /**
   * The same engine row with a real compile instead of a pipe: a store created on the engine a 1.5
   * MB compile is using returns only with the compile, while one on another engine, started at the
   * same moment, does not wait. Judged against the compile's remaining time in the same run.
   */
  @Test
  void aStoreOnTheEngineOfARealCompileIsCreatedOnlyWhenTheCompileEnds() throws Exception {
    ChildJvm.Result run = ChildJvm.app(CompileWaitProbe.class.getName()).run("compile-wait");
    assertThat(run.exitCode()).as("probe exit code; stderr:\n%s", run.stderr()).isZero();
    CompileWait wait =
        run.stdout().lines().map(CompileWait::parse).flatMap(Optional::stream).findFirst().get();
    assertThat(wait.remainingAtStoreStartNanos())
        .as("the stores started during the compile")
        .isPositive();
    long half = wait.remainingAtStoreStartNanos() / 2;
    assertThat(wait.sameEngineStoreNanos())
        .as("store on the compiling engine, %s", wait)
        .isGreaterThanOrEqualTo(half);
    assertThat(wait.otherEngineStoreNanos())
        .as("store on another engine, %s", wait)
        .isLessThan(half);
  }

  /**
   * What JFR shows of these waits: nothing for the thread waiting natively (it stays {@code
   * RUNNABLE}, with no monitor or park event), but a {@code jdk.JavaMonitorEnter} on {@code
   * io.github.kawamuray.wasmtime.Store} for a second thread queued behind it on the Store object's
   * monitor, naming the native waiter as the previous owner.
   */
  @Test
  void aThreadQueuedBehindANativeWaiterIsRecordedAsAMonitorEnterOnTheStore() throws Exception {
    ChildJvm.Result run = ChildJvm.app(MonitorEventsProbe.class.getName()).run("monitor-events");
    assertThat(run.exitCode()).as("probe exit code; stderr:\n%s", run.stderr()).isZero();
    assertThat(run.stdout().lines()).contains("native-waiter-state RUNNABLE");
    assertThat(run.stdout().lines().filter(line -> line.startsWith("event\t")))
        .containsExactly(
            String.join(
                "\t",
                "event",
                "jdk.JavaMonitorEnter",
                "monitor-waiter",
                "io.github.kawamuray.wasmtime.Store",
                "native-waiter"));
  }
}
