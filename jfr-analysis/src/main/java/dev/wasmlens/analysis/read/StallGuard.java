package dev.wasmlens.analysis.read;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a read on a thread of its own and gives up on it when it stops making progress: no {@link
 * Heartbeat} beat for the stall limit. The JDK's parser can spin forever on corrupt data (see
 * {@link ChunkFraming}), in code that never checks for interrupts, so a stuck read cannot be
 * stopped, only abandoned: its thread is a daemon, which keeps spinning until the process exits but
 * never holds the exit up. The caller gets an {@link IOException} naming the stall and goes on.
 */
public final class StallGuard {
  /** How often the waiting thread looks at the heartbeat, milliseconds. */
  private static final long CHECK_MILLIS = 50;

  private StallGuard() {}

  /** A read that may beat a heartbeat. */
  @FunctionalInterface
  public interface Read<T> {
    T run(Heartbeat heartbeat) throws IOException;
  }

  /**
   * Runs {@code read} on a new daemon thread named {@code name}, and returns what it returns.
   *
   * @param stallLimit the longest time without a beat before the read is abandoned
   * @throws IOException what the read threw, or that it stalled
   */
  public static <T> T run(String name, Duration stallLimit, Read<T> read) throws IOException {
    Heartbeat heartbeat = new Heartbeat();
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                result.set(read.run(heartbeat));
              } catch (Throwable e) { // handed to the caller, which decides what surfaces
                failure.set(e);
              }
            },
            name);
    reader.setDaemon(true);
    reader.start();
    long beats = -1;
    long lastBeatNanos = System.nanoTime();
    try {
      while (true) {
        reader.join(CHECK_MILLIS);
        if (!reader.isAlive()) {
          break;
        }
        long now = System.nanoTime();
        if (heartbeat.beats() != beats) {
          beats = heartbeat.beats();
          lastBeatNanos = now;
        } else if (now - lastBeatNanos >= stallLimit.toNanos()) {
          throw new IOException(
              String.format(
                  "no progress for %.1f s after %d events: the read is stuck (corrupt data the JDK's"
                      + " parser loops on, or a file that delivers no bytes)",
                  stallLimit.toMillis() / 1e3, beats));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading", e);
    }
    Throwable thrown = failure.get();
    if (thrown instanceof IOException) {
      throw (IOException) thrown;
    } else if (thrown instanceof RuntimeException) {
      throw (RuntimeException) thrown;
    } else if (thrown instanceof Error) {
      throw (Error) thrown;
    }
    return result.get();
  }
}
