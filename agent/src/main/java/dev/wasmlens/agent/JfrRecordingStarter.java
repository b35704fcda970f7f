package dev.wasmlens.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.ParseException;
import java.time.Duration;
import jdk.jfr.Recording;

/** Starts the recording asked for with {@code wasmlens.jfr.file}, written to that file when the JVM exits. */
final class JfrRecordingStarter {
  /** Older data is dropped past this size, so a long-running service cannot fill its disk. */
  static final long MAX_SIZE_BYTES = 1024L * 1024 * 1024;
  /** Older data is dropped past this age. */
  static final Duration MAX_AGE = Duration.ofHours(24);

  private JfrRecordingStarter() {}

  static Path start(String file, String base) throws IOException, ParseException {
    Path destination = Paths.get(file).toAbsolutePath();
    Recording recording = new Recording(JfrSettings.merged(base));
    recording.setName("wasmlens");
    recording.setToDisk(true);
    recording.setMaxSize(MAX_SIZE_BYTES);
    recording.setMaxAge(MAX_AGE);
    recording.setDestination(destination);
    recording.setDumpOnExit(true);
    recording.start();
    return destination;
  }
}
