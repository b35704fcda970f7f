package dev.wasmlens.analysis.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The time a recording covers, from its chunk headers alone (a few bytes per chunk, no events
 * parsed), so that progress through a large file can be told as a share of its time. The header
 * layout is the JDK's since JFR format 1.0: magic {@code FLR\0}, major and minor version (2 bytes
 * each), chunk size, constant pool offset, metadata offset, start in epoch nanoseconds, duration in
 * nanoseconds (8 bytes each, big-endian).
 *
 * @param startNanos the first chunk's start, epoch nanoseconds
 * @param endNanos the last chunk's end
 */
public record RecordingSpan(long startNanos, long endNanos) {
  private static final int MAGIC = 0x464c5200; // "FLR\0"
  private static final int HEADER_BYTES = 48;

  /**
   * The span of {@code file}; null when its chunk headers cannot be read (the parser will say why).
   */
  public static RecordingSpan of(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long start = Long.MAX_VALUE;
      long end = Long.MIN_VALUE;
      long position = 0;
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
      while (position + HEADER_BYTES <= channel.size()) {
        header.clear();
        if (channel.read(header, position) < HEADER_BYTES || header.getInt(0) != MAGIC) {
          break;
        }
        long chunkSize = header.getLong(8);
        long chunkStart = header.getLong(32);
        long chunkDuration = header.getLong(40);
        if (chunkSize <= 0) {
          break;
        }
        start = Math.min(start, chunkStart);
        end = Math.max(end, chunkStart + chunkDuration);
        position += chunkSize;
      }
      return start < end ? new RecordingSpan(start, end) : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Where {@code nanos} lies in the span, from 0 to 1. */
  public double fractionAt(long nanos) {
    return Math.max(0, Math.min(1, (double) (nanos - startNanos) / (endNanos - startNanos)));
  }
}
