package dev.wasmlens.demo.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's ground truth, {@code <scenario>-<run>.truth}: JSON lines in the family of the service's
 * ground-truth log. The first line names the scenario and the causes to expect ({@code scenario},
 * {@code run}, {@code strategy}, {@code load}, {@code injects}, {@code expectedCause}, {@code
 * expectedCauseOnFaultThread}, {@code faultThread}, {@code why}); the service's injector appends
 * its own line when it ends ({@code fault}, {@code start}, {@code end}, {@code startEpochNanos},
 * {@code endEpochNanos}, {@code detail}); the runner appends one line per phase ({@code phase}:
 * {@code warm-up}, {@code clean}, {@code fault}, with the same time fields) once the service has
 * stopped, so lines never interleave. Not thread-safe: the runner's thread only.
 */
final class ScenarioTruth {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;
  private final List<Map<String, Object>> phases = new ArrayList<>();

  /** Starts {@code file} afresh with the scenario's line. */
  ScenarioTruth(Path file, Scenario scenario, int run) throws IOException {
    this.file = file;
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("scenario", scenario.name());
    head.put("run", run);
    head.put("strategy", scenario.strategy());
    head.put("load", scenario.load().describe());
    head.put("injects", scenario.fault());
    head.put("expectedCause", scenario.expectedCause());
    head.put("expectedCauseOnFaultThread", scenario.expectedCauseOnFaultThread());
    head.put("faultThread", scenario.faulty() ? "fault-" + scenario.fault() : null);
    head.put("why", scenario.why());
    Files.writeString(file, JSON.writeValueAsString(head) + "\n", StandardCharsets.UTF_8);
  }

  /** Where the service appends its injector's line. */
  Path file() {
    return file;
  }

  /** Remembers a phase, written by {@link #writePhases()}. */
  void phase(String name, Instant start, Instant end, String detail) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("phase", name);
    line.put("start", start.toString());
    line.put("end", end.toString());
    line.put("startEpochNanos", epochNanos(start));
    line.put("endEpochNanos", epochNanos(end));
    line.put("detail", detail);
    phases.add(line);
  }

  /** Appends the phases; call once the service has stopped writing. */
  void writePhases() throws IOException {
    StringBuilder lines = new StringBuilder();
    for (Map<String, Object> phase : phases) {
      lines.append(JSON.writeValueAsString(phase)).append('\n');
    }
    Files.writeString(file, lines.toString(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  /** Whether the service's injector has written its line. */
  boolean hasFaultLine(String fault) throws IOException {
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (JSON.readTree(line).path("fault").asText().equals(fault)) {
        return true;
      }
    }
    return false;
  }

  private static long epochNanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
