package dev.wasmlens.bench.score;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scorer on a small real run of the suite: the demo's {@code scenarios} command records the
 * host-block scenario once under the agent, the real analyzer is run on it, and the score's counts
 * must be the recording's own (the calls during the injector's interval, those beyond the slowed
 * threshold), each slowed one with a verdict.
 */
class FaultScoreTest {
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

  @TempDir Path work;

  @Test
  void theScoresCountsAreTheRecordingsOwnAndEverySlowedOperationGetsAVerdict() throws Exception {
    Path agent = Paths.get(System.getProperty("wasmlens.agentJar"));
    Path analyzer = Paths.get(System.getProperty("wasmlens.analyzerJar"));
    assertThat(agent).as("build first: mvn -DskipTests package").isRegularFile();
    assertThat(analyzer).as("build first: mvn -DskipTests package").isRegularFile();
    Process scenarios =
        new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.wasmlens.demo.DemoMain",
                "scenarios",
                "--scenario",
                "host-block",
                "--runs",
                "1",
                "--warmup-seconds",
                "1",
                "--clean-seconds",
                "2",
                "--fault-seconds",
                "2",
                "--agent",
                agent.toString(),
                "--out",
                work.toString())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("scenarios.out").toFile())
            .start();
    assertThat(scenarios.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(scenarios.exitValue()).as(Files.readString(work.resolve("scenarios.out"))).isZero();
    assertThat(Files.readString(work.resolve("scenarios.out")))
        .contains("host-block-1: fault for 2.0 s (host-block)");

    // The calls and the injector's interval, read from the recording and the truth file.
    List<RecordedEvent> calls =
        RecordingFile.readAllEvents(work.resolve("host-block-1.jfr")).stream()
            .filter(e -> e.getEventType().getName().equals("wasmlens.Call"))
            .collect(Collectors.toList());
    JsonNode injector = null;
    for (String line : Files.readAllLines(work.resolve("host-block-1.truth"))) {
      JsonNode node = new ObjectMapper().readTree(line);
      if (node.has("fault")) {
        injector = node;
      }
    }
    assertThat(injector).as("the injector's line").isNotNull();
    long from = injector.get("startEpochNanos").asLong();
    long to = injector.get("endEpochNanos").asLong();
    List<RecordedEvent> inFault =
        calls.stream()
            .filter(c -> epochNanos(c.getStartTime()) < to && epochNanos(c.getEndTime()) > from)
            .collect(Collectors.toList());
    List<RecordedEvent> blocked =
        calls.stream()
            .filter(e -> e.getThread().getJavaName().equals("fault-host-block"))
            .collect(Collectors.toList());
    assertThat(blocked).as("the injector's own calls").isNotEmpty();
    assertThat(inFault).as("calls during the fault").containsAll(blocked);

    FaultScoreCommand command = new FaultScoreCommand();
    command.folder = work;
    command.analyzer = analyzer;
    assertThat(command.call()).isZero();

    JsonNode run =
        new ObjectMapper().readTree(work.resolve("score.json").toFile()).get("runs").get(0);
    assertThat(run.get("scenario").asText()).isEqualTo("host-block");
    assertThat(run.get("cleanOperations").asLong()).isGreaterThan(0);
    long callThreshold = 0;
    var thresholds = run.get("slowedThresholdNanos").fields();
    while (thresholds.hasNext()) {
      var entry = thresholds.next();
      if (entry.getKey().startsWith("CALL ")) {
        callThreshold = entry.getValue().asLong();
      }
    }
    long slowed = callThreshold;
    assertThat(slowed).as("the calls' slowed threshold").isPositive();
    // On shared-store calls are the only operations after start-up: the scorer's counts are the
    // recording's, the injector's calls among them.
    assertThat(run.get("faultOperations").asLong()).isEqualTo(inFault.size());
    assertThat(run.get("slowedInFault").asLong())
        .isEqualTo(inFault.stream().filter(c -> c.getDuration().toNanos() > slowed).count());
    // The analyzer ran with a threshold under every slowed operation: none is missing a verdict.
    assertThat(run.get("faultSlowedCauses").has(RunScore.NOT_IN_TAIL)).isFalse();
    assertThat(Files.readString(work.resolve("score.md")))
        .contains("| host-block | CONTENTION (own thread: HOST_FUNCTIONS) | 1 |");
  }

  private static long epochNanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
