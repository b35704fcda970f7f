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
 * Each fault injector, triggered in a service JVM under load with the agent attached, really
 * produces its effect: read back from the JFR recording within the interval its ground-truth line
 * names.
 */
class FaultInjectorsTest {
  private static final Duration FAULT = Duration.ofMillis(800);
  private static final Duration GAP = Duration.ofMillis(700);

  @TempDir Path work;

  @Test
  void gcJitLockAndEngineLockFaultsShowInJfrWhereTheGroundTruthSays() throws Exception {
    FaultedRun run =
        FaultedRun.record(
            work,
            List.of(),
            "fresh-instance",
            List.of("gc", "jit", "lock", "engine-lock"),
            GAP,
            FAULT,
            (service, fault) -> {});

    List<RecordedEvent> gc = run.during("gc", "jdk.GarbageCollection");
    assertThat(gc).as("collections during the gc fault").isNotEmpty();

    List<RecordedEvent> jit =
        run.during("jit", "jdk.Compilation").stream()
            .filter(e -> e.getValue("method").toString().contains("JitWorkload"))
            .collect(Collectors.toList());
    assertThat(jit.size()).as("compilations of fresh JitWorkload copies").isGreaterThan(10);

    List<RecordedEvent> blocked =
        run.during("lock", "jdk.JavaMonitorEnter").stream()
            .filter(e -> e.getThread().getJavaName().startsWith("wasm-request-"))
            .filter(e -> e.getClass("monitorClass").getName().endsWith("RequestGate"))
            .collect(Collectors.toList());
    assertThat(blocked).as("request threads blocked on the gate").isNotEmpty();

    List<RecordedEvent> compiles =
        run.during("engine-lock", "wasmlens.Compile").stream()
            .filter(e -> e.getLong("moduleSize") > 1_000_000)
            .collect(Collectors.toList());
    assertThat(compiles).as("wat2wasm compiles on the shared engine").isNotEmpty();
    // The compile holds the engine's native lock: requests wait creating their stores on that
    // engine.
    RecordedEvent compile = compiles.get(0);
    List<RecordedEvent> heldUp =
        run.events("wasmlens.StoreCreate").stream()
            .filter(e -> e.getLong("engineId") == compile.getLong("engineId"))
            .filter(
                e ->
                    e.getStartTime().isBefore(compile.getEndTime())
                        && e.getEndTime().isAfter(compile.getStartTime()))
            .filter(e -> e.getDuration().compareTo(compile.getDuration().dividedBy(4)) >= 0)
            .collect(Collectors.toList());
    assertThat(heldUp)
        .as("store creations held up by the compile of %s", compile.getDuration())
        .isNotEmpty();
  }

  @Test
  void theColdStartFaultMakesRequestsInstantiateOnTheirOwnPath() throws Exception {
    FaultedRun run =
        FaultedRun.record(
            work, List.of(), "hybrid", List.of("cold-start"), GAP, FAULT, (service, fault) -> {});

    List<RecordedEvent> onRequests =
        run.during("cold-start", "wasmlens.Instantiate").stream()
            .filter(e -> e.getThread().getJavaName().startsWith("wasm-request-"))
            .collect(Collectors.toList());
    assertThat(onRequests.size()).as("instantiations on request threads").isGreaterThanOrEqualTo(3);
    assertThat(run.detail("cold-start")).containsPattern("[1-9]\\d* cold starts paid");
  }
}
