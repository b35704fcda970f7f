package dev.wasmlens.agent.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * One thread's Linux {@code schedstat} file, kept open and re-read in place: three numbers, the
 * time on a CPU, the time spent runnable but waiting on a run queue (both in nanoseconds) and the
 * number of times the thread was put on a CPU. The kernel brings the wait up to date when the
 * thread is scheduled in, so a thread reading its own file sees every wait it has finished; the
 * time on CPU lags by the thread's current slice (use the thread CPU clock for that).
 *
 * <p>A reading is one positional {@code pread} (about 1.5 us here, docs/benchmarks.md) and
 * allocates nothing. Not thread-safe: one reader at a time.
 */
public final class SchedStat implements AutoCloseable {
  /** The calling thread's file; resolved when opened, so the channel keeps reading that thread. */
  static final Path OWN_THREAD = Paths.get("/proc/thread-self/schedstat");

  /** Whether this system has the files (Linux with schedstats). */
  public static final boolean SUPPORTED = Files.isReadable(OWN_THREAD);

  /** Longer than any three 64-bit numbers with their separators. */
  private static final int BUFFER_BYTES = 96;

  private final ProcFile file;
  private final long[] fields = new long[3];

  private SchedStat(ProcFile file) {
    this.file = file;
  }

  /**
   * Opens {@code file}, a thread's {@code schedstat}.
   *
   * @throws IOException when it cannot be opened (the thread has ended, or no such file)
   */
  public static SchedStat open(Path file) throws IOException {
    return new SchedStat(ProcFile.open(file, BUFFER_BYTES));
  }

  /**
   * Reads the file again.
   *
   * @return false when it could not be read or parsed (the thread has ended)
   */
  public boolean read() {
    int length = file.read();
    return length > 0 && parse(file.bytes(), length, fields);
  }

  /** Nanoseconds on a CPU, as of the last {@link #read}. */
  public long onCpuNanos() {
    return fields[0];
  }

  /** Nanoseconds runnable but waiting for a CPU, as of the last {@link #read}. */
  public long runQueueNanos() {
    return fields[1];
  }

  /** Times the thread was put on a CPU, as of the last {@link #read}. */
  public long timeslices() {
    return fields[2];
  }

  @Override
  public void close() {
    file.close();
  }

  /** Parses up to three space-separated decimal numbers; false when the text holds fewer. */
  static boolean parse(byte[] text, int length, long[] into) {
    int field = 0;
    long value = 0;
    boolean inNumber = false;
    for (int i = 0; i < length && field < into.length; i++) {
      byte b = text[i];
      if (b >= '0' && b <= '9') {
        value = value * 10 + (b - '0');
        inNumber = true;
      } else if (inNumber) {
        into[field++] = value;
        value = 0;
        inNumber = false;
      }
    }
    if (inNumber && field < into.length) {
      into[field++] = value;
    }
    return field == into.length;
  }
}
