package dev.wasmlens.demo.fault;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When each fault acted, one JSON object per line: {@code fault}, {@code start} and {@code end}
 * (ISO instants), {@code startEpochNanos}, {@code endEpochNanos}, and what it did ({@code detail}).
 * Thread-safe.
 */
public final class GroundTruthLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;

  /** Appends to {@code file}, creating it; null keeps no log. */
  public GroundTruthLog(Path file) {
    this.file = file;
  }

  synchronized void record(String fault, Instant start, Instant end, String detail)
      throws IOException {
    if (file == null) {
      return;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("fault", fault);
    line.put("start", start.toString());
    line.put("end", end.toString());
    line.put("startEpochNanos", epochNanos(start));
    line.put("endEpochNanos", epochNanos(end));
    line.put("detail", detail);
    Files.writeString(
        file,
        JSON.writeValueAsString(line) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  private static long epochNanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
