package dev.wasmlens.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wasmlens.analysis.read.Heartbeat;
import dev.wasmlens.analysis.read.RecordingScan;
import dev.wasmlens.analysis.read.TimeWindow;
import dev.wasmlens.analysis.read.WasmOperation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
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
  void callsWithoutCpuTimeAreNamedWithTheSettingThatWouldRecordIt() throws Exception {
    Path measured = SyntheticRecording.write(work.resolve("measured.jfr"), 50);
    Path unmeasured = SyntheticRecording.writeWithoutCallCpuTime(work.resolve("default.jfr"), 50);

    Path report = work.resolve("report.txt");
    assertThat(AnalyzeCommand.run("-o", report.toString(), measured.toString()))
        .isEqualTo(AnalyzeCommand.OK);
    assertThat(Files.readString(report))
        .doesNotContain("carry no CPU time")
        .doesNotContain("no run-queue wait")
        .contains(
            "warning: measured.jfr: the run-queue wait is measured but there are no thread samples"
                + " (wasmlens.ThreadSample): who had the CPUs meanwhile is not named; keep"
                + " wasmlens.sampler.period on")
        // Its calls, like those of agents before voluntarySwitches, carry no such field.
        .contains(
            "warning: measured.jfr: 50 calls carry the run-queue wait but no voluntary switches (an"
                + " older agent)");
    assertThat(AnalyzeCommand.run("-o", report.toString(), unmeasured.toString()))
        .isEqualTo(AnalyzeCommand.OK);
    assertThat(Files.readString(report))
        .contains(
            "warning: default.jfr: 50 calls carry no CPU time: for calls, CPU starvation cannot be"
                + " named and pause evidence is weaker; to diagnose calls, record with"
                + " wasmlens.cpu-time=all");
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
    assertThat(json.get("schemaVersion").asInt()).isEqualTo(5);
    assertThat(json.get("problems")).isEmpty();
    assertThat(json.get("services")).hasSize(1);
    JsonNode analysis = json.get("services").get(0);
    assertThat(analysis.get("service").asText()).isEqualTo(SyntheticRecording.SERVICE);
    assertThat(analysis.get("hosts").get(0).asText()).isEqualTo("host-1");
    JsonNode tail = analysis.get("tail");
    assertThat(analysis.get("thresholds").get("call").asLong()).isEqualTo(1_000_000);
    // Every tenth call slept in its host function: those 20 calls and the 3 ms compile are the
    // tail, with the fast calls this busy machine held up beyond 1 ms, if any.
    List<JsonNode> slowCalls = new ArrayList<>();
    tail.forEach(
        slow -> {
          if ("slow".equals(slow.get("operation").get("name").asText())) {
            slowCalls.add(slow);
          }
        });
    assertThat(slowCalls)
        .hasSize(20)
        .allSatisfy(slow -> assertThat(slow.get("mainCause").asText()).isEqualTo("HOST_FUNCTIONS"))
        .allSatisfy(
            slow -> {
              // The measured split: the synthetic calls say 10 us on CPU and 2 us queued.
              JsonNode split = slow.get("split");
              assertThat(split.get("onCpuNanos").asLong()).isEqualTo(10_000);
              assertThat(split.get("runQueueNanos").asLong()).isEqualTo(2_000);
              JsonNode operation = slow.get("operation");
              long wall = operation.get("endNanos").asLong() - operation.get("startNanos").asLong();
              assertThat(split.get("blockedNanos").asLong()).isEqualTo(wall - 12_000);
            });
    assertThat(tail.findValues("phase").stream().map(JsonNode::asText)).contains("COMPILE");
    assertThat(tail.size())
        .isEqualTo(21 + SyntheticRecording.fastCallsOfAtLeast(recording, Duration.ofMillis(1)));
    assertThat(analysis.get("causes").get("HOST_FUNCTIONS").get("mainCauseOf").asLong())
        .isEqualTo(20);
    JsonNode callRow = analysis.get("distributions").get(1);
    assertThat(callRow.get("phase").asText()).isEqualTo("call");
    assertThat(callRow.get("count").asLong()).isEqualTo(200);
    // Calls come in pairs, one request each: the 20 requests holding a slow call are slow, with
    // those whose fast calls this busy machine held up beyond 1 ms, if any.
    assertThat(analysis.get("requestThresholdNanos").asLong()).isEqualTo(1_000_000);
    List<JsonNode> holdingASlowCall = new ArrayList<>();
    for (JsonNode request : analysis.get("requests")) {
      assertThat(request.get("request").get("operationCount").asInt()).isEqualTo(2);
      assertThat(request.get("operations")).hasSize(2);
      if (request.get("operations").findValues("name").stream()
          .anyMatch(name -> name.asText().equals("slow"))) {
        holdingASlowCall.add(request);
      }
    }
    assertThat(holdingASlowCall)
        .hasSize(20)
        .allSatisfy(r -> assertThat(r.get("mainCause").asText()).isEqualTo("HOST_FUNCTIONS"));
    assertThat(analysis.get("requests").size())
        .isEqualTo(20 + SyntheticRecording.fastRequestsOfAtLeast(recording, Duration.ofMillis(1)));
  }

  @Test
  void aFleetsRecordingsAreReadInParallelAndMergedPerService() throws Exception {
    Path fleet = Files.createDirectory(work.resolve("fleet"));
    SyntheticRecording.write(fleet.resolve("a1.jfr"), 50, "checkout", "host-1");
    SyntheticRecording.write(fleet.resolve("a2.jfr"), 70, "checkout", "host-2");
    SyntheticRecording.write(fleet.resolve("b1.jfr"), 30, "search", "host-1");
    Path report = work.resolve("fleet.json");

    // At the 80th percentile every slow call (one in ten) is in the tail however much this busy
    // machine delays a few fast ones; at the 99th a single delayed fast call could take its place.
    assertThat(
            AnalyzeCommand.run(
                "--format",
                "json",
                "--percentile",
                "80",
                "-o",
                report.toString(),
                fleet.toString()))
        .as("exit code; standard error: %s", err)
        .isEqualTo(AnalyzeCommand.OK);

    JsonNode services = new ObjectMapper().readTree(report.toFile()).get("services");
    assertThat(services).hasSize(2);
    JsonNode checkout = services.get(0);
    assertThat(checkout.get("service").asText()).isEqualTo("checkout");
    assertThat(checkout.get("hosts").toString()).isEqualTo("[\"host-1\",\"host-2\"]");
    assertThat(checkout.get("files")).hasSize(2);
    assertThat(checkout.get("distributions").get(1).get("count").asLong()).isEqualTo(120);
    // The tail is taken at the merged service's percentile and gathered from both hosts' files:
    // their 5 and 7 slow calls.
    assertThat(checkout.get("thresholds").get("call").asLong())
        .isLessThan(1_000_000)
        .isGreaterThan(0);
    assertThat(checkout.get("tail").findValues("name").stream().map(JsonNode::asText))
        .filteredOn("slow"::equals)
        .hasSize(12);
    JsonNode search = services.get(1);
    assertThat(search.get("service").asText()).isEqualTo("search");
    assertThat(search.get("distributions").get(1).get("count").asLong()).isEqualTo(30);
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
    // Four charts, and a bar per slow request: the 10 requests (call pairs) holding a slow call,
    // and at times one that this busy machine held up beyond 1 ms.
    assertThat(html.split("<svg", -1).length - 1).isBetween(4 + 10, 4 + 10 + 2);
    assertThat(html)
        .contains(
            "Latency by phase",
            "The tail by cause",
            "Latency over time",
            "Timeline of the slowest operations")
        .contains("Slowest requests", SyntheticRecording.traceId(4))
        .contains("host functions")
        .contains("<title>host functions");
    // Over time, a dot per tail operation in its main cause's colour: the 10 slow calls and the
    // compile, with the fast calls this busy machine held up beyond 1 ms, if any.
    assertThat(html.split("<circle", -1).length - 1)
        .isEqualTo(11 + SyntheticRecording.fastCallsOfAtLeast(recording, Duration.ofMillis(1)));
    assertThat(html).contains("seconds from ");
    // No label is cut short.
    assertThat(html).doesNotContain("~</text>");
    // Self-contained: nothing is fetched when it is opened.
    assertThat(html).doesNotContain("<script").doesNotContain("src=").doesNotContain("<link");
    assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http");
  }

  @Test
  void badTimeWindowValuesAreUsageErrorsInOneLine() {
    assertThat(AnalyzeCommand.run("--skip", "3x", "x.jfr")).isEqualTo(AnalyzeCommand.USAGE);
    assertThat(AnalyzeCommand.run("--from", "2026-12-01", "x.jfr")).isEqualTo(AnalyzeCommand.USAGE);
    assertThat(
            AnalyzeCommand.run(
                "--from", "2026-12-01T10:00:05Z", "--to", "2026-12-01T10:00:05Z", "x.jfr"))
        .isEqualTo(AnalyzeCommand.USAGE);
    assertThat(AnalyzeCommand.run("--stall-limit", "0s", "x.jfr")).isEqualTo(AnalyzeCommand.USAGE);
    assertThat(err())
        .isEqualTo(
            "wasmlens-analyze: Invalid value for option '--skip': '3x' is not a duration: a number"
                + " and a unit, ns, us, ms, s, m or h (3s) (see --help)\n"
                + "wasmlens-analyze: Invalid value for option '--from': '2026-12-01' is not an"
                + " instant: ISO-8601 with a zone offset, 2026-12-01T10:00:03Z or"
                + " 2026-12-01T11:00:03.250+01:00 (see --help)\n"
                + "wasmlens-analyze: --from must be before --to, got 2026-12-01T10:00:05Z and"
                + " 2026-12-01T10:00:05Z (see --help)\n"
                + "wasmlens-analyze: --stall-limit must be above 0 (see --help)\n");
  }

  @Test
  void aTimeWindowKeepsTheOperationsStartingInItAndTheEvidenceOverlappingIt() throws Exception {
    Path recording = SyntheticRecording.write(work.resolve("calls.jfr"), 60);
    List<RecordedEvent> calls =
        RecordingFile.readAllEvents(recording).stream()
            .filter(e -> e.getEventType().getName().equals("wasmlens.Call"))
            .sorted(Comparator.comparing(RecordedEvent::getStartTime))
            .toList();
    Instant from = calls.get(20).getStartTime();
    Instant to = calls.get(50).getStartTime();
    Path report = work.resolve("window.json");

    assertThat(
            AnalyzeCommand.run(
                "--format",
                "json",
                "--from",
                from.toString(),
                "--to",
                to.toString(),
                "-o",
                report.toString(),
                recording.toString()))
        .as("exit code; standard error: %s", err)
        .isEqualTo(AnalyzeCommand.OK);

    JsonNode analysis = new ObjectMapper().readTree(report.toFile()).get("services").get(0);
    // Calls 20 to 49; the compile, before them, is neither counted nor evidence.
    JsonNode phases = analysis.get("distributions");
    assertThat(phases.get(0).get("phase").asText()).isEqualTo("call");
    assertThat(phases.get(0).get("count").asLong()).isEqualTo(30);
    assertThat(analysis.get("tail").findValues("startNanos").stream().map(JsonNode::asLong))
        .isNotEmpty()
        .allSatisfy(
            start ->
                assertThat(start)
                    .isBetween(
                        TimeWindow.of(from, to, null).fromNanos(),
                        TimeWindow.of(from, to, null).toNanos() - 1));
    // What attribution gets: the operations in the window, and only the compiles overlapping it.
    assertThat(scan(recording, TimeWindow.of(from, to, null)).operations()).hasSize(30);
    assertThat(compiles(scan(recording, TimeWindow.of(from, to, null)))).isEmpty();
    assertThat(compiles(scan(recording, TimeWindow.ALL))).hasSize(1);
  }

  private static List<WasmOperation> compiles(RecordingScan scan) {
    return scan.evidence().lockHolders().stream()
        .filter(o -> o.phase() == WasmOperation.Phase.COMPILE)
        .collect(Collectors.toList());
  }

  private static RecordingScan scan(Path recording, TimeWindow window) throws IOException {
    return RecordingScan.read(
        recording,
        window,
        new Heartbeat(),
        operation -> {},
        operation -> true,
        (events, fraction) -> {},
        RecordingScan.PROGRESS_EVENTS);
  }

  @Test
  void aWindowOutsideTheRecordingIsOneProblemLine() throws Exception {
    Path recording = SyntheticRecording.write(work.resolve("calls.jfr"), 20);

    assertThat(
            AnalyzeCommand.run(
                "--skip", "1h", "-o", work.resolve("r.txt").toString(), recording.toString()))
        .isEqualTo(AnalyzeCommand.FAILED);

    assertThat(err().lines().filter(l -> l.startsWith("wasmlens-analyze: ")))
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .startsWith(
                        "wasmlens-analyze: "
                            + recording
                            + ": no wasm operations in the time window from ")
                    .contains(" to the end (the recording runs from "));
  }

  @Test
  void aShortRecordingsTailHoldsItsSlowestCallAndSaysItIsTooShortForTheP99() throws Exception {
    // 20 calls, two of them slow: the p99 of 20 operations is their slowest one.
    Path recording = SyntheticRecording.write(work.resolve("short.jfr"), 20);
    long slowest =
        RecordingFile.readAllEvents(recording).stream()
            .filter(e -> e.getEventType().getName().equals("wasmlens.Call"))
            .mapToLong(e -> e.getDuration().toNanos())
            .max()
            .getAsLong();
    Path text = work.resolve("short.txt");
    Path json = work.resolve("short.json");
    Path html = work.resolve("short.html");

    assertThat(AnalyzeCommand.run("-o", text.toString(), recording.toString()))
        .isEqualTo(AnalyzeCommand.OK);
    assertThat(AnalyzeCommand.run("--format", "json", "-o", json.toString(), recording.toString()))
        .isEqualTo(AnalyzeCommand.OK);
    assertThat(AnalyzeCommand.run("--format", "html", "-o", html.toString(), recording.toString()))
        .isEqualTo(AnalyzeCommand.OK);

    String tooFew =
        "call: 20 operations, too few for a p99 (100 needed): its tail is its slowest operations,"
            + " not a percentile";
    JsonNode analysis = new ObjectMapper().readTree(json.toFile()).get("services").get(0);
    assertThat(analysis.get("tail").findValues("operation").stream())
        .anySatisfy(
            o ->
                assertThat(o.get("endNanos").asLong() - o.get("startNanos").asLong())
                    .isEqualTo(slowest));
    assertThat(analysis.get("warnings").toString()).contains(tooFew);
    JsonNode callRow = analysis.get("distributions").get(1);
    assertThat(callRow.get("phase").asText()).isEqualTo("call");
    assertThat(callRow.get("tooFewFor").toString()).isEqualTo("[\"p99\",\"p99.9\"]");
    assertThat(Files.readString(text))
        .contains("warning: " + tooFew)
        .doesNotContain("The tail: 0 operations")
        .containsPattern("call +\\(all\\) +20 +[\\d.]+ \\w+ +[\\d.]+ \\w+ +- +- ");
    assertThat(Files.readString(html)).contains(tooFew);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
