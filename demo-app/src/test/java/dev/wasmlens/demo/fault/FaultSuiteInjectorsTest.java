package dev.wasmlens.demo.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite's injectors, each triggered in a service JVM under load with the agent attached,
 * really produce their effect, read back from the JFR recording or the process table within the
 * interval their ground-truth line names.
 */
class FaultSuiteInjectorsTest {
  private static final Duration FAULT = Duration.ofMillis(1200);
  private static final Duration GAP = Duration.ofMillis(800);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  @Test
  void allocationGcCpuHogLockLargeMemoryAndClassGenerationShowWhereTheGroundTruthSays()
      throws Exception {
    List<ProcessHandle> hogsSeen = new ArrayList<>();
    FaultedRun run =
        FaultedRun.record(
            work,
            List.of("-Xmx256m"),
            "fresh-instance",
            List.of("alloc-gc", "cpu-hog", "reentrant-lock", "large-memory", "class-gen"),
            GAP,
            FAULT,
            (service, fault) -> {
              if (fault.equals("cpu-hog")) {
                hogsSeen.addAll(service.handle().descendants().collect(Collectors.toList()));
              }
            });

    // Collections without System.gc(): the allocation alone triggered them.
    List<RecordedEvent> collections = run.during("alloc-gc", "jdk.GarbageCollection");
    assertThat(collections).as("collections during alloc-gc").hasSizeGreaterThanOrEqualTo(3);
    assertThat(collections).noneMatch(e -> "System.gc()".equals(e.getString("cause")));
    // The same service under the same load collects less while a fault of the same length that
    // allocates nothing acts.
    assertThat(run.during("reentrant-lock", "jdk.GarbageCollection"))
        .as("collections during reentrant-lock, as long as alloc-gc")
        .hasSizeLessThan(collections.size());

    // The hogs ran as the service's children while the fault acted, and are gone.
    assertThat(hogsSeen).as("busy-loop processes under the service").hasSizeGreaterThanOrEqualTo(1);
    assertThat(hogsSeen).noneMatch(ProcessHandle::isAlive);
    assertThat(run.detail("cpu-hog")).endsWith("all exited");

    // Requests parked on the host function's ReentrantLock inside their calls.
    List<RecordedEvent> parked =
        run.during("reentrant-lock", "jdk.ThreadPark").stream()
            .filter(e -> e.getThread().getJavaName().startsWith("wasm-request-"))
            .filter(e -> String.valueOf(e.getClass("parkedClass")).contains("ReentrantLock"))
            .collect(Collectors.toList());
    assertThat(parked).as("request threads parked on the host lock").isNotEmpty();

    // Fresh 64 MiB instances, each called and torn down, on the injector's thread.
    List<RecordedEvent> touches =
        run.during("large-memory", "wasmlens.Call").stream()
            .filter(e -> "touch".equals(e.getString("export")))
            .collect(Collectors.toList());
    assertThat(touches).as("calls touching a fresh large memory").hasSizeGreaterThanOrEqualTo(3);
    assertThat(run.during("large-memory", "wasmlens.Teardown"))
        .filteredOn(e -> e.getThread().getJavaName().equals("fault-large-memory"))
        .hasSizeGreaterThanOrEqualTo(touches.size());

    // Generated classes' large methods compiled by the JIT, by C2 too.
    List<RecordedEvent> compiled =
        run.during("class-gen", "jdk.Compilation").stream()
            .filter(
                e -> {
                  RecordedMethod method = e.getValue("method");
                  return method.getType().getName().startsWith(ClassGeneration.CLASS_NAME_PREFIX);
                })
            .collect(Collectors.toList());
    assertThat(compiled).as("compilations of generated classes").hasSizeGreaterThan(10);
    assertThat(compiled)
        .as("C2 compilations of generated classes")
        .anyMatch(e -> ((Number) e.getValue("compileLevel")).intValue() == 4);
  }

  @Test
  void aBlockedHostFunctionHoldsUpEveryCallOnTheSharedStore() throws Exception {
    FaultedRun run =
        FaultedRun.record(
            work,
            List.of("-Xmx256m"),
            "shared-store",
            List.of("host-block"),
            GAP,
            FAULT,
            (service, fault) -> {});

    List<RecordedEvent> blockers =
        run.during("host-block", "wasmlens.Call").stream()
            .filter(e -> e.getThread().getJavaName().equals("fault-host-block"))
            .collect(Collectors.toList());
    assertThat(blockers).as("the injector's blocking calls").isNotEmpty();
    assertThat(blockers)
        .allSatisfy(
            b ->
                assertThat(b.getDuration())
                    .isGreaterThanOrEqualTo(Duration.ofMillis(BlockingHostFunction.BLOCK_MILLIS)));
    // A request call that began while a blocker's host function slept could only run once that
    // host function had returned and its call let go of the store.
    List<RecordedEvent> sleeping =
        run.during("host-block", "wasmlens.HostCall").stream()
            .filter(e -> e.getThread().getJavaName().equals("fault-host-block"))
            .collect(Collectors.toList());
    assertThat(sleeping).hasSameSizeAs(blockers);
    List<RecordedEvent> heldUp = new ArrayList<>();
    for (RecordedEvent call : run.events("wasmlens.Call")) {
      if (!call.getThread().getJavaName().startsWith("wasm-request-")) {
        continue;
      }
      for (RecordedEvent host : sleeping) {
        if (call.getStartTime().isAfter(host.getStartTime())
            && call.getStartTime().isBefore(host.getEndTime())) {
          assertThat(call.getEndTime()).isAfter(host.getEndTime());
          heldUp.add(call);
        }
      }
    }
    assertThat(heldUp).as("request calls that waited for the blocked store").hasSizeGreaterThan(5);
  }
}
