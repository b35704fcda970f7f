package dev.wasmlens.bench.score;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** Reads a recording's outermost wasm operations with the JDK's JFR parser, event by event. */
final class Operations {
  /** The agent's event types, by the analyzer's JSON phase names. */
  private static final Map<String, String> PHASES =
      Map.of(
          "wasmlens.Compile", "COMPILE",
          "wasmlens.StoreCreate", "STORE_CREATE",
          "wasmlens.Instantiate", "INSTANTIATE",
          "wasmlens.Call", "CALL",
          "wasmlens.Teardown", "TEARDOWN");

  private Operations() {}

  static List<Operation> read(Path recording) throws IOException {
    List<Operation> operations = new ArrayList<>();
    try (RecordingFile file = new RecordingFile(recording)) {
      while (file.hasMoreEvents()) {
        RecordedEvent event = file.readEvent();
        String phase = PHASES.get(event.getEventType().getName());
        if (phase == null || event.getThread() == null) {
          continue;
        }
        String key =
            phase
                + " "
                + field(event, "module")
                + " "
                + field(event, "export")
                + field(event, "kind");
        operations.add(
            new Operation(
                phase,
                key,
                event.getThread().getJavaThreadId(),
                event.getThread().getJavaName(),
                epochNanos(event.getStartTime()),
                epochNanos(event.getEndTime())));
      }
    }
    return operations;
  }

  private static String field(RecordedEvent event, String name) {
    if (!event.hasField(name)) {
      return "";
    }
    Object value = event.getValue(name);
    return value == null ? "" : value.toString();
  }

  private static long epochNanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
