package dev.wasmlens.agent.bootstrap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A Linux {@code /proc} file kept open and re-read from its start with one positional read, which
 * makes the kernel generate it anew and allocates nothing. Not thread-safe: one reader at a time.
 */
public final class ProcFile implements AutoCloseable {
  private final FileChannel channel;
  private final ByteBuffer buffer;

  private ProcFile(FileChannel channel, int capacity) {
    this.channel = channel;
    this.buffer = ByteBuffer.allocate(capacity);
  }

  /**
   * Opens {@code file}, to be read {@code capacity} bytes at most at a time.
   *
   * @throws IOException when it cannot be opened (its thread ended, or no such file)
   */
  public static ProcFile open(Path file, int capacity) throws IOException {
    return new ProcFile(FileChannel.open(file, StandardOpenOption.READ), capacity);
  }

  /**
   * Reads the file again into {@link #bytes()}.
   *
   * @return how many bytes it read; 0 or less when it could not be read
   */
  public int read() {
    buffer.clear();
    try {
      return channel.read(buffer, 0);
    } catch (IOException e) {
      return -1;
    }
  }

  /** What the last {@link #read} read, from index 0. */
  public byte[] bytes() {
    return buffer.array();
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // A read-only proc file: nothing to flush, nothing lost.
    }
  }
}
