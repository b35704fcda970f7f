package dev.wasmlens.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * The JDK's own parser reading a recording, each of its ways, with nothing done per event but
 * counting it: the floor under any tool built on it, and what {@code EventStream}'s options give
 * against {@code RecordingFile}, which the analyzer reads with. One line per way, {@code | way |
 * seconds | events |}. A main of its own, like {@link JmcLoad}.
 *
 * <pre>{@code java -cp wasmlens-bench.jar dev.wasmlens.bench.JdkParserReads recording.jfr}</pre>
 */
public final class JdkParserReads {
  private JdkParserReads() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    time("RecordingFile, every event", () -> recordingFile(file));
    time("EventStream, ordered, a new object per event", () -> stream(file, true, false, null));
    time("EventStream, unordered (setOrdered(false))", () -> stream(file, false, false, null));
    time("EventStream, unordered, reused (setReuse(true))", () -> stream(file, false, true, null));
    time(
        "EventStream, unordered, reused, only wasmlens.Call (onEvent(name))",
        () -> stream(file, false, true, "wasmlens.Call"));
  }

  private interface Read {
    long events() throws IOException;
  }

  private static void time(String way, Read read) throws IOException {
    long start = System.nanoTime();
    long events = read.events();
    System.out.printf("| %s | %.1f | %d |%n", way, (System.nanoTime() - start) / 1e9, events);
  }

  private static long recordingFile(Path file) throws IOException {
    long events = 0;
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        RecordedEvent event = recording.readEvent();
        if (event != null) {
          events++;
        }
      }
    }
    return events;
  }

  private static long stream(Path file, boolean ordered, boolean reuse, String only)
      throws IOException {
    AtomicLong events = new AtomicLong();
    try (EventStream stream = EventStream.openFile(file)) {
      stream.setOrdered(ordered);
      stream.setReuse(reuse);
      if (only == null) {
        stream.onEvent(event -> events.incrementAndGet());
      } else {
        stream.onEvent(only, event -> events.incrementAndGet());
      }
      stream.start();
    }
    return events.get();
  }
}
