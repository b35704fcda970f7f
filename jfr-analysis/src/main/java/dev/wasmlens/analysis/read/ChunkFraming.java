package dev.wasmlens.analysis.read;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks the framing of a recording before the JDK's parser reads it: what that parser trusts and
 * would loop on forever. Per chunk: the header (magic, version, a size within the file, constant
 * pool and metadata offsets inside the chunk), then every event's size field (positive and inside
 * the chunk), then the chain of constant pool events the header starts (each link a constant pool
 * event seen in the walk, none visited twice). The contents of events are left to the parser, which
 * reports its own errors.
 *
 * <p>Why: {@code ChunkParser.readEvent} moves to {@code position + size} without checking the size,
 * so an event whose size reads negative (a run of {@code 0xff} bytes decodes to -1) sends it back
 * to an earlier event that leads to the same place again: it spins at 100% CPU and no interrupt
 * stops it. A chunk size of 0 in the header makes it spin too (in the constant pools, JDK 17 and
 * 25), and so could a cycle in the constant pool chain. The file state byte is left alone: JDK 17
 * reads the file whatever it says, JDK 25 gives up on its own ("stuck in locked stream state").
 *
 * <p>The layout is the JDK's since format 1.0 (big-endian header; event fields as variable-length
 * integers, 7 bits a byte, the ninth byte whole).
 */
public final class ChunkFraming {
  private static final int MAGIC = 0x464c5200; // "FLR\0"
  private static final int HEADER_BYTES = 68;
  private static final long METADATA_TYPE_ID = 0;
  private static final long CONSTANT_POOL_TYPE_ID = 1;
  private static final int BUFFER_BYTES = 1 << 16;

  private final FileChannel channel;
  private final long fileSize;
  private final Heartbeat heartbeat;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
  private long bufferStart;
  private long position;

  private ChunkFraming(FileChannel channel, Heartbeat heartbeat) throws IOException {
    this.channel = channel;
    this.fileSize = channel.size();
    this.heartbeat = heartbeat;
    buffer.limit(0);
  }

  /**
   * Walks every chunk of {@code file}, beating {@code heartbeat} once per event.
   *
   * @throws IOException naming the first byte whose framing the JDK's parser would trust wrongly,
   *     or when the file cannot be read
   */
  public static void check(Path file, Heartbeat heartbeat) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ChunkFraming framing = new ChunkFraming(channel, heartbeat);
      if (framing.fileSize < HEADER_BYTES) {
        throw new IOException("shorter than a chunk header (" + framing.fileSize + " bytes)");
      }
      long chunkStart = 0;
      for (int chunk = 1; chunkStart < framing.fileSize; chunk++) {
        chunkStart += framing.chunk(chunk, chunkStart);
      }
    }
  }

  /** Checks the chunk at {@code start} and returns its size. */
  private long chunk(int chunk, long start) throws IOException {
    if (fileSize - start < HEADER_BYTES) {
      throw corrupt(chunk, start, "a partial chunk header");
    }
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    channel.read(header, start);
    int major = header.getShort(4);
    long size = header.getLong(8);
    long constantPool = header.getLong(16);
    long metadata = header.getLong(24);
    if (header.getInt(0) != MAGIC) {
      throw corrupt(chunk, start, "no chunk magic");
    }
    if (major != 1 && major != 2) {
      throw corrupt(chunk, start, "format version " + major);
    }
    if (size < HEADER_BYTES || size > fileSize - start) {
      throw corrupt(chunk, start, "a chunk size of " + size + " bytes");
    }
    // A constant pool offset of 0 means none: both JDKs then read the events without pools.
    if (constantPool != 0 && (constantPool < HEADER_BYTES || constantPool >= size)) {
      throw corrupt(chunk, start, "a constant pool offset of " + constantPool);
    }
    if (metadata < HEADER_BYTES || metadata >= size) {
      throw corrupt(chunk, start, "a metadata offset of " + metadata);
    }
    Set<Long> constantPools = new HashSet<>();
    Set<Long> metadataEvents = new HashSet<>();
    events(chunk, start, start + size, constantPools, metadataEvents);
    if (!metadataEvents.contains(start + metadata)) {
      throw corrupt(chunk, start, "no metadata event at its metadata offset " + metadata);
    }
    if (constantPool != 0) {
      checkConstantPoolChain(chunk, start, constantPools, start + constantPool);
    }
    return size;
  }

  /** Walks the events from after the header to {@code end}, noting where the special ones are. */
  private void events(
      int chunk, long start, long end, Set<Long> constantPools, Set<Long> metadataEvents)
      throws IOException {
    position = start + HEADER_BYTES;
    while (position < end) {
      long event = position;
      long size = readVarLong();
      if (size <= 0 || size > end - event) {
        throw corrupt(chunk, start, "an event at byte " + event + " of size " + size);
      }
      long type = readVarLong();
      if (type == CONSTANT_POOL_TYPE_ID) {
        constantPools.add(event);
      } else if (type == METADATA_TYPE_ID) {
        metadataEvents.add(event);
      }
      position = event + size;
      heartbeat.beat();
    }
  }

  private void checkConstantPoolChain(int chunk, long start, Set<Long> constantPools, long first)
      throws IOException {
    Set<Long> visited = new HashSet<>();
    long next = first;
    while (true) {
      if (!constantPools.contains(next) || !visited.add(next)) {
        throw corrupt(chunk, start, "a constant pool chain through byte " + next);
      }
      position = next;
      readVarLong(); // size
      readVarLong(); // type
      readVarLong(); // start time
      readVarLong(); // duration
      long delta = readVarLong();
      if (delta == 0) {
        return;
      }
      next += delta;
    }
  }

  private static IOException corrupt(int chunk, long start, String what) {
    return new IOException("chunk " + chunk + " (at byte " + start + ") has " + what);
  }

  private long readVarLong() throws IOException {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      int b = readByte();
      value |= (long) (b & 0x7f) << (7 * i);
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    return value | (long) readByte() << 56;
  }

  private int readByte() throws IOException {
    if (position < bufferStart || position >= bufferStart + buffer.limit()) {
      buffer.clear();
      bufferStart = position;
      if (channel.read(buffer, position) <= 0) {
        throw new EOFException("a variable-length integer at byte " + position + " past the end");
      }
      buffer.flip();
    }
    return buffer.get((int) (position++ - bufferStart)) & 0xff;
  }
}
