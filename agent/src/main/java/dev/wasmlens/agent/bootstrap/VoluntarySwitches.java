package dev.wasmlens.agent.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * One thread's count of voluntary context switches, the {@code voluntary_ctxt_switches} line of its
 * Linux {@code status} file, kept open and re-read in place. The kernel counts a switch as
 * voluntary when the thread leaves its CPU because it waits for something (a lock, a futex, a page
 * fault's I/O or lock, a sleep, a stop signal); a preemption is involuntary. So a phase whose count
 * did not change never blocked: the time its CPU clock and run-queue wait leave over went to the
 * hypervisor (steal) or to interrupts.
 *
 * <p>A reading is one positional {@code pread} of the whole file, which the kernel formats anew
 * (about 1.4 KB, 8.5-9.2 us here against 1.1 us for {@code schedstat}, docs/benchmarks.md), and
 * allocates nothing. Not thread-safe: one reader at a time.
 */
final class VoluntarySwitches implements AutoCloseable {
  /** The calling thread's file; resolved when opened, so the channel keeps reading that thread. */
  static final Path OWN_THREAD = Paths.get("/proc/thread-self/status");

  /** Whether this system has the file. */
  static final boolean SUPPORTED = Files.isReadable(OWN_THREAD);

  /** The file is about 1.4 KB on Linux 6; room for longer group and capability lists. */
  private static final int BUFFER_BYTES = 8192;

  /**
   * The line's start, newline included: {@code nonvoluntary_ctxt_switches:} follows it and holds
   * the same text after its first three letters.
   */
  private static final byte[] KEY =
      "\nvoluntary_ctxt_switches:".getBytes(StandardCharsets.US_ASCII);

  private final ProcFile file;

  private VoluntarySwitches(ProcFile file) {
    this.file = file;
  }

  /**
   * Opens {@code file}, a thread's {@code status}.
   *
   * @throws IOException when it cannot be opened (the thread has ended, or no such file)
   */
  static VoluntarySwitches open(Path file) throws IOException {
    return new VoluntarySwitches(ProcFile.open(file, BUFFER_BYTES));
  }

  /**
   * Reads the file again.
   *
   * @return the thread's voluntary switches so far, or -1 when the file could not be read or has no
   *     such line
   */
  long read() {
    int length = file.read();
    return length > 0 ? parse(file.bytes(), length) : -1;
  }

  @Override
  public void close() {
    file.close();
  }

  /** The number after {@link #KEY} in {@code text}, or -1 when there is none. */
  static long parse(byte[] text, int length) {
    int at = indexOf(text, length);
    if (at < 0) {
      return -1;
    }
    long value = 0;
    boolean digits = false;
    for (int i = at + KEY.length; i < length; i++) {
      byte b = text[i];
      if (b >= '0' && b <= '9') {
        value = value * 10 + (b - '0');
        digits = true;
      } else if (digits || b == '\n') {
        break;
      }
    }
    return digits ? value : -1;
  }

  private static int indexOf(byte[] text, int length) {
    outer:
    for (int i = 0; i + KEY.length <= length; i++) {
      for (int k = 0; k < KEY.length; k++) {
        if (text[i + k] != KEY[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
