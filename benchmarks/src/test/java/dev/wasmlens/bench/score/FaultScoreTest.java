package dev.wasmlens.bench.score;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scorer on a small real run of the suite: the demo's {@code scenarios} command records the
 * host-block scenario once under the agent, the real analyzer is run on it, and the score must
 * agree with what the recording itself says about the injector's blocked calls.
 */
class FaultScoreTest {
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

  @TempDir Path work;

  @Test
  void theInjectorsBlockedCallsAreScoredAsSlowedInTheFaultAndEverySlowedOperationGetsAVerdict()
      throws Exception {
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

    // The injector's own calls, read from the recording: each slept 30 ms in its host function.
    List<RecordedEvent> blocked =
        RecordingFile.readAllEvents(work.resolve("host-block-1.jfr")).stream()
            .filter(e -> e.getEventType().getName().equals("wasmlens.Call"))
            .filter(e -> e.getThread().getJavaName().equals("fault-host-block"))
            .collect(Collectors.toList());
    assertThat(blocked).isNotEmpty();

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
    assertThat(blocked)
        .allSatisfy(c -> assertThat(c.getDuration().toNanos()).isGreaterThan(slowed));
    assertThat(run.get("slowedInFault").asLong()).isGreaterThanOrEqualTo(blocked.size());
    // The analyzer ran with a threshold under every slowed operation: none is missing a verdict.
    assertThat(run.get("faultSlowedCauses").has(RunScore.NOT_IN_TAIL)).isFalse();
    assertThat(Files.readString(work.resolve("score.md")))
        .contains("| host-block | CONTENTION (own thread: HOST_FUNCTIONS) | 1 |");
  }
}
