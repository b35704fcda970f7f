package dev.wasmlens.bench.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One run's ground truth, read from its {@code .truth} file (written by the demo's {@code
 * scenarios} command; format in docs/fault-suite.md).
 *
 * @param expectedCause the cause expected for operations the fault slowed on other threads; null
 *     for a clean scenario
 * @param expectedCauseOnFaultThread the cause expected on the injector's own thread; null when its
 *     operations are not scored
 * @param faultThread the injector's thread name; null for a clean scenario
 * @param faults when the injector acted, from its own log line
 * @param warmUp the warm-up phase, not scored
 * @param clean the clean phases
 */
record Truth(
    String scenario,
    int run,
    String expectedCause,
    String expectedCauseOnFaultThread,
    String faultThread,
    List<Interval> faults,
    Interval warmUp,
    List<Interval> clean) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads {@code file}; fails naming the file when a line is missing or malformed. */
  static Truth read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      throw new IOException(file + ": empty ground truth");
    }
    JsonNode head = JSON.readTree(lines.get(0));
    if (!head.has("scenario")) {
      throw new IOException(file + ": the first line does not name the scenario");
    }
    List<Interval> faults = new ArrayList<>();
    List<Interval> clean = new ArrayList<>();
    Interval warmUp = null;
    for (String line : lines.subList(1, lines.size())) {
      JsonNode node = JSON.readTree(line);
      Interval interval =
          new Interval(node.get("startEpochNanos").asLong(), node.get("endEpochNanos").asLong());
      if (node.has("fault")) {
        faults.add(interval);
      } else if ("clean".equals(node.path("phase").asText())) {
        clean.add(interval);
      } else if ("warm-up".equals(node.path("phase").asText())) {
        warmUp = interval;
      }
    }
    if (warmUp == null || clean.isEmpty()) {
      throw new IOException(file + ": no warm-up or clean phase; was the run cut short?");
    }
    if (!head.path("injects").isNull() && faults.isEmpty()) {
      throw new IOException(file + ": the injector wrote no line");
    }
    return new Truth(
        head.get("scenario").asText(),
        head.get("run").asInt(),
        text(head, "expectedCause"),
        text(head, "expectedCauseOnFaultThread"),
        text(head, "faultThread"),
        faults,
        warmUp,
        clean);
  }

  boolean faulty() {
    return expectedCause != null;
  }

  /** The end of the last phase: the measured window runs from the warm-up's end to here. */
  long end() {
    long end = warmUp.end();
    for (Interval interval : clean) {
      end = Math.max(end, interval.end());
    }
    for (Interval interval : faults) {
      end = Math.max(end, interval.end());
    }
    return end;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
