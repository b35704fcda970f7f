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

/**
 * A service JVM with the agent (a diagnosis recording), loaded at {@link #RATE} req/s while faults
 * act one after the other, each for a while between gaps: its recording and each fault's ground
 * truth, for the injector tests.
 */
final class FaultedRun {
  /** The offered load, open loop. */
  static final int RATE = 100;

  /** A fault writes its ground-truth line when it ends; on a loaded machine that can be late. */
  private static final Duration TRUTH_TIMEOUT = Duration.ofSeconds(60);

  /** What a test looks at halfway through each fault. */
  interface DuringFault {
    void accept(ServiceProcess service, String fault) throws Exception;
  }

  final List<RecordedEvent> all;
  final Map<String, JsonNode> groundTruth;

  private FaultedRun(List<RecordedEvent> all, Map<String, JsonNode> groundTruth) {
    this.all = all;
    this.groundTruth = groundTruth;
  }

  /**
   * Runs {@code faults} on a {@code strategy} service started with {@code jvmOptions} besides the
   * agent, in {@code work}; every fault must have written its ground truth.
   */
  static FaultedRun record(
      Path work,
      List<String> jvmOptions,
      String strategy,
      List<String> faults,
      Duration gap,
      Duration fault,
      DuringFault during)
      throws Exception {
    Path agent = Paths.get(System.getProperty("wasmlens.agentJar"));
    assertThat(agent)
        .as("the agent jar; build it first: mvn -pl agent -am package")
        .isRegularFile();
    Path recording = work.resolve("faults.jfr");
    Path groundTruth = work.resolve("ground-truth.jsonl");
    List<String> options = new ArrayList<>();
    options.add("-javaagent:" + agent + "=jfr.file=" + recording + ",cpu-time=all");
    options.addAll(jvmOptions);
    Duration total = gap.plus(fault.plus(gap).multipliedBy(faults.size()));
    try (ServiceProcess service =
        ServiceProcess.start(
            options,
            strategy,
            work.resolve("service.log"),
            List.of("--ground-truth", groundTruth.toString()))) {
      LoadGenerator load =
          new LoadGenerator(
              new LoadOptions(
                  service.uri("/checksum?n=64"),
                  true,
                  RATE,
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
        Thread.sleep(gap.toMillis());
        service.post("/faults/" + faults.get(i) + "?ms=" + fault.toMillis());
        Thread.sleep(fault.toMillis() / 2);
        during.accept(service, faults.get(i));
        Thread.sleep(fault.toMillis() / 2);
        // One fault at a time: a fault can end late (a last full GC, a compile).
        awaitLines(groundTruth, i + 1);
      }
      loader.join();
    }
    Map<String, JsonNode> truth = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(groundTruth)) {
      JsonNode node = json.readTree(line);
      truth.put(node.get("fault").asText(), node);
    }
    assertThat(truth.keySet()).containsExactlyInAnyOrderElementsOf(faults);
    return new FaultedRun(RecordingFile.readAllEvents(recording), truth);
  }

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

  /** The injector's own description of what it did. */
  String detail(String fault) {
    return groundTruth.get(fault).get("detail").asText();
  }

  private static void awaitLines(Path file, int lines) throws Exception {
    long deadline = System.nanoTime() + TRUTH_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline
        && (!Files.exists(file) || Files.readAllLines(file).size() < lines)) {
      Thread.sleep(50);
    }
  }
}
