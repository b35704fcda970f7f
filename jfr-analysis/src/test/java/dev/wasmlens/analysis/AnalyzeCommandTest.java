package dev.wasmlens.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import jdk.jfr.Recording;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: bad input first, then what a good recording gives. */
class AnalyzeCommandTest {
  @TempDir Path work;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void captureErr() {
    originalErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreErr() {
    System.setErr(originalErr);
  }

  @Test
  void badArgumentsAreAUsageErrorInOneLine() {
    assertThat(AnalyzeCommand.run("--percentile", "100", "x.jfr")).isEqualTo(AnalyzeCommand.USAGE);
    assertThat(err())
        .isEqualTo(
            "wasmlens-analyze: --percentile must be above 0 and below 100, got 100.0 (see --help)\n");
  }

  @Test
  void noRecordingAtAllIsAUsageError() {
    assertThat(AnalyzeCommand.run()).isEqualTo(AnalyzeCommand.USAGE);
    assertThat(err()).startsWith("wasmlens-analyze: Missing required parameter");
  }

  @Test
  void everyBadInputGetsOneLineAndTheGoodOnesAreStillAnalyzed() throws Exception {
    Path good = SyntheticRecording.write(work.resolve("good.jfr"), 50);
    Path empty = Files.createFile(work.resolve("empty.jfr"));
    Path text = Files.writeString(work.resolve("notes.jfr"), "not a recording\n");
    byte[] bytes = Files.readAllBytes(good);
    Path truncated =
        Files.write(work.resolve("truncated.jfr"), Arrays.copyOf(bytes, bytes.length / 2));
    Path noWasm = work.resolve("no-wasm.jfr");
    try (Recording recording = new Recording()) {
      recording.start();
      recording.stop();
      recording.dump(noWasm);
    }
    Path folder = Files.createDirectory(work.resolve("nothing-here"));
    Path report = work.resolve("report.txt");

    int exit =
        AnalyzeCommand.run(
            "-o",
            report.toString(),
            good.toString(),
            empty.toString(),
            text.toString(),
            truncated.toString(),
            noWasm.toString(),
            work.resolve("missing.jfr").toString(),
            folder.toString());

    assertThat(exit).isEqualTo(AnalyzeCommand.FAILED);
    String problems = err();
    assertThat(problems.lines().filter(l -> l.startsWith("wasmlens-analyze: ")))
        .hasSize(6)
        .anyMatch(l -> l.contains("empty.jfr: "))
        .anyMatch(l -> l.contains("notes.jfr: not a readable JFR recording"))
        .anyMatch(l -> l.contains("truncated.jfr: "))
        .anyMatch(l -> l.contains("no-wasm.jfr: no wasmlens events"))
        .anyMatch(l -> l.contains("missing.jfr: no such file, or not readable"))
        .anyMatch(l -> l.contains("nothing-here: no .jfr files in this folder"));
    assertThat(problems).doesNotContain("\tat ").doesNotContain("Exception in");
    assertThat(Files.readString(report))
        .contains("good.jfr")
        .contains("call ")
        .contains("The tail:");
  }

  @Test
  void theJsonReportNamesTheTailAndItsCauses() throws Exception {
    Path recording = SyntheticRecording.write(work.resolve("calls.jfr"), 200);
    Path report = work.resolve("report.json");

    assertThat(
            AnalyzeCommand.run(
                "--format",
                "json",
                "--threshold-ms",
                "1",
                "-o",
                report.toString(),
                recording.toString()))
        .as("exit code; standard error: %s", err)
        .isEqualTo(AnalyzeCommand.OK);

    JsonNode json = new ObjectMapper().readTree(report.toFile());
    assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
    JsonNode analysis = json.get("analysis");
    JsonNode tail = analysis.get("tail");
    assertThat(analysis.get("thresholds").get("call").asLong()).isEqualTo(1_000_000);
    // Every tenth call slept about 2 ms in its host function: those 20 calls, and the 3 ms compile,
    // are the tail.
    assertThat(tail.size()).isEqualTo(21);
    for (JsonNode slow : tail) {
      if (slow.get("operation").get("phase").asText().equals("COMPILE")) {
        continue;
      }
      assertThat(slow.get("operation").get("name").asText()).isEqualTo("slow");
      assertThat(slow.get("mainCause").asText()).isEqualTo("HOST_FUNCTIONS");
    }
    assertThat(analysis.get("causes").get("HOST_FUNCTIONS").get("mainCauseOf").asLong())
        .isEqualTo(20);
    JsonNode callRow = analysis.get("distributions").get(1);
    assertThat(callRow.get("phase").asText()).isEqualTo("call");
    assertThat(callRow.get("count").asLong()).isEqualTo(200);
  }

  @Test
  void theHtmlReportIsOneSelfContainedPageWithItsCharts() throws Exception {
    Path recording = SyntheticRecording.write(work.resolve("calls.jfr"), 100);
    Path page = work.resolve("report.html");

    assertThat(
            AnalyzeCommand.run(
                "--format",
                "html",
                "--threshold-ms",
                "1",
                "-o",
                page.toString(),
                recording.toString()))
        .isEqualTo(AnalyzeCommand.OK);

    String html = Files.readString(page);
    assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    assertThat(html.split("<svg", -1)).hasSize(1 + 3);
    assertThat(html)
        .contains("Latency by phase", "The tail by cause", "Timeline of the slowest operations")
        .contains("host functions")
        .contains("<title>host functions");
    // Self-contained: nothing is fetched when it is opened.
    assertThat(html).doesNotContain("<script").doesNotContain("src=").doesNotContain("<link");
    assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http");
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
