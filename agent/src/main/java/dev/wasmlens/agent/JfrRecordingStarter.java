package dev.wasmlens.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.ParseException;
import java.time.Duration;
import jdk.jfr.Recording;

/**
 * Starts the recording asked for with {@code wasmlens.jfr.file}, written to that file when the JVM
 * exits.
 */
final class JfrRecordingStarter {
  /** The recording's name, as {@code jcmd PID JFR.check} lists it. */
  static final String RECORDING_NAME = "wasmlens";

  /** Older data is dropped past this size, so a long-running service cannot fill its disk. */
  static final long MAX_SIZE_BYTES = 1024L * 1024 * 1024;

  /** Older data is dropped past this age. */
  static final Duration MAX_AGE = Duration.ofHours(24);

  private JfrRecordingStarter() {}

  /**
   * Starts the recording, creating the file's folder if needed, and returns the file's absolute
   * path.
   *
   * @throws IOException when the folder cannot be created or the file not written
   * @throws ParseException when {@code base} is a malformed {@code .jfc} file
   */
  static Path start(String file, String base) throws IOException, ParseException {
    Path destination = Paths.get(file).toAbsolutePath();
    Path folder = destination.getParent();
    if (folder != null) {
      Files.createDirectories(folder);
    }
    Recording recording = new Recording(JfrSettings.merged(base));
    try {
      recording.setName(RECORDING_NAME);
      recording.setToDisk(true);
      recording.setMaxSize(MAX_SIZE_BYTES);
      recording.setMaxAge(MAX_AGE);
      recording.setDestination(destination);
      recording.setDumpOnExit(true);
      recording.start();
    } catch (IOException | RuntimeException e) {
      recording.close();
      throw e;
    }
    return destination;
  }
}
