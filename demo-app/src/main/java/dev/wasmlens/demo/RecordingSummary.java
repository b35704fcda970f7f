package dev.wasmlens.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Prints where the agent's recording goes and what it holds so far: per wasm event, the count,
 * median and maximum duration. A stand-in until the analyzer (issue 5) writes the real report.
 */
final class RecordingSummary {
  /** The name the agent gives the recording it starts for {@code wasmlens.jfr.file}. */
  static final String AGENT_RECORDING = "wasmlens";

  private RecordingSummary() {}

  static void print(PrintStream out) throws IOException {
    Recording recording = agentRecording();
    if (recording == null) {
      out.println(
          "no WasmLens recording is running: attach the agent with -javaagent:wasmlens-agent.jar=jfr.file=app.jfr");
      return;
    }
    Path snapshot = Files.createTempFile("wasmlens-snapshot-", ".jfr");
    try {
      recording.dump(snapshot);
      Map<String, List<Duration>> durations = new TreeMap<>();
      for (RecordedEvent event : RecordingFile.readAllEvents(snapshot)) {
        String name = event.getEventType().getName();
        if (name.startsWith("wasmlens.") && !name.equals("wasmlens.AgentStatus")) {
          durations.computeIfAbsent(name, n -> new ArrayList<>()).add(event.getDuration());
        }
      }
      out.println();
      out.printf("%-22s %8s %12s %12s%n", "event", "count", "median", "max");
      durations.forEach(
          (name, list) -> {
            list.sort(null);
            out.printf(
                "%-22s %8d %12s %12s%n",
                name,
                list.size(),
                format(list.get((list.size() - 1) / 2)),
                format(list.get(list.size() - 1)));
          });
      out.println();
      out.println("The full recording is written at exit to " + recording.getDestination());
      out.println("  jfr print --events 'wasmlens.*' " + recording.getDestination());
    } finally {
      Files.deleteIfExists(snapshot);
    }
  }

  private static Recording agentRecording() {
    for (Recording recording : FlightRecorder.getFlightRecorder().getRecordings()) {
      if (AGENT_RECORDING.equals(recording.getName())
          && recording.getState() == RecordingState.RUNNING) {
        return recording;
      }
    }
    return null;
  }

  private static String format(Duration duration) {
    double micros = duration.toNanos() / 1_000.0;
    return micros < 1_000
        ? String.format("%.1f us", micros)
        : String.format("%.2f ms", micros / 1_000);
  }
}
