package dev.wasmlens.demo.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wasmlens.demo.load.LoadGenerator;
import dev.wasmlens.demo.load.LoadOptions;
import dev.wasmlens.demo.tradeoff.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
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
    Run run = runUnderLoad("fresh-instance", List.of("gc", "jit", "lock", "engine-lock"));

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
    Run run = runUnderLoad("hybrid", List.of("cold-start"));

    List<RecordedEvent> onRequests =
        run.during("cold-start", "wasmlens.Instantiate").stream()
            .filter(e -> e.getThread().getJavaName().startsWith("wasm-request-"))
            .collect(Collectors.toList());
    assertThat(onRequests.size()).as("instantiations on request threads").isGreaterThanOrEqualTo(3);
    assertThat(run.groundTruth.get("cold-start").get("detail").asText())
        .containsPattern("[1-9]\\d* cold starts paid");
  }

  /**
   * Starts a service with the agent, loads it at 100 req/s, runs the faults one after the other,
   * stops it.
   */
  private Run runUnderLoad(String strategy, List<String> faults) throws Exception {
    Path agent = Paths.get(System.getProperty("wasmlens.agentJar"));
    assertThat(agent)
        .as("the agent jar; build it first: mvn -pl agent -am package")
        .isRegularFile();
    Path recording = work.resolve("faults.jfr");
    Path groundTruth = work.resolve("ground-truth.jsonl");
    Duration total = GAP.plus(FAULT.plus(GAP).multipliedBy(faults.size()));
    try (ServiceProcess service =
        ServiceProcess.start(
            strategy,
            agent,
            recording,
            work.resolve("service.log"),
            List.of("--ground-truth", groundTruth.toString()))) {
      LoadGenerator load =
          new LoadGenerator(
              new LoadOptions(
                  service.uri("/checksum?n=64"),
                  true,
                  100,
                  4,
                  Duration.ZERO,
                  total,
                  Long.MAX_VALUE));
      Thread loader =
          new Thread(
              () -> {
                try {
                  load.run(line -> {});
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      loader.start();
      for (int i = 0; i < faults.size(); i++) {
        Thread.sleep(GAP.toMillis());
        service.post("/faults/" + faults.get(i) + "?ms=" + FAULT.toMillis());
        Thread.sleep(FAULT.toMillis());
        // On a loaded machine a fault can end late (a last full GC, a compile): one at a time.
        awaitLines(groundTruth, i + 1, Duration.ofSeconds(60));
      }
      loader.join();
      // A fault writes its line when it ends; the last may still be finishing its compile.
      awaitLines(groundTruth, faults.size(), Duration.ofSeconds(60));
    }
    Map<String, JsonNode> truth = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(groundTruth)) {
      JsonNode node = json.readTree(line);
      truth.put(node.get("fault").asText(), node);
    }
    assertThat(truth.keySet()).containsExactlyInAnyOrderElementsOf(faults);
    return new Run(RecordingFile.readAllEvents(recording), truth);
  }

  private static void awaitLines(Path file, int lines, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline
        && (!Files.exists(file) || Files.readAllLines(file).size() < lines)) {
      Thread.sleep(50);
    }
  }

  private record Run(List<RecordedEvent> all, Map<String, JsonNode> groundTruth) {
    List<RecordedEvent> events(String type) {
      return all.stream()
          .filter(e -> e.getEventType().getName().equals(type))
          .collect(Collectors.toList());
    }

    /** Events of {@code type} that started while {@code fault} acted, by its ground-truth line. */
    List<RecordedEvent> during(String fault, String type) {
      JsonNode line = groundTruth.get(fault);
      Instant start = Instant.parse(line.get("start").asText());
      Instant end = Instant.parse(line.get("end").asText());
      List<RecordedEvent> inside = new ArrayList<>();
      for (RecordedEvent event : events(type)) {
        if (!event.getStartTime().isBefore(start) && !event.getStartTime().isAfter(end)) {
          inside.add(event);
        }
      }
      return inside;
    }
  }
}
