package dev.wasmlens.agent.sampler;

import dev.wasmlens.agent.bootstrap.ProcFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The machine-wide {@code cpu} line of {@code /proc/stat}, kept open and re-read in place. Its
 * counters are clock ticks; Linux reports them in USER_HZ, 100 per second on every mainstream
 * architecture, which Java cannot ask for, so that is assumed. Not thread-safe.
 */
final class MachineStat implements AutoCloseable {
  static final Path FILE = Paths.get("/proc/stat");

  /** Nanoseconds per USER_HZ tick. */
  static final long NANOS_PER_TICK = 10_000_000L;

  /** The first line with its ten counters fits easily. */
  private static final int BUFFER_BYTES = 512;

  // Indexes into the cpu line's counters.
  private static final int USER = 0;
  private static final int NICE = 1;
  private static final int SYSTEM = 2;
  private static final int IDLE = 3;
  private static final int IOWAIT = 4;
  private static final int IRQ = 5;
  private static final int SOFTIRQ = 6;
  private static final int STEAL = 7;
  private static final int COUNTERS = 8;

  private final ProcFile file;
  private final long[] ticks = new long[COUNTERS];

  private MachineStat(ProcFile file) {
    this.file = file;
  }

  static MachineStat open() throws IOException {
    return new MachineStat(ProcFile.open(FILE, BUFFER_BYTES));
  }

  /** Reads the counters again; false when the file could not be read or parsed. */
  boolean read() {
    int length = file.read();
    return length > 0 && parse(file.bytes(), length, ticks);
  }

  long busyNanos() {
    return (ticks[USER] + ticks[NICE] + ticks[SYSTEM] + ticks[IRQ] + ticks[SOFTIRQ])
        * NANOS_PER_TICK;
  }

  long stealNanos() {
    return ticks[STEAL] * NANOS_PER_TICK;
  }

  long idleNanos() {
    return (ticks[IDLE] + ticks[IOWAIT]) * NANOS_PER_TICK;
  }

  @Override
  public void close() {
    file.close();
  }

  /** Parses the counters of the first line, which must start with {@code cpu }. */
  static boolean parse(byte[] text, int length, long[] into) {
    String first =
        new String(text, 0, length, StandardCharsets.US_ASCII).lines().findFirst().orElse("");
    String[] fields = first.trim().split("\\s+");
    if (fields.length < into.length + 1 || !fields[0].equals("cpu")) {
      return false;
    }
    try {
      for (int i = 0; i < into.length; i++) {
        into[i] = Long.parseLong(fields[i + 1]);
      }
    } catch (NumberFormatException e) {
      return false;
    }
    return true;
  }
}
