package dev.wasmlens.analysis;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Ways to damage a recording, each drawn from a seeded {@link Random} so that a failing mutant can
 * be made again from the seed and its number. The chunk header offsets are the JDK's: size at 8,
 * constant pool offset at 16, metadata offset at 24, start nanos 32, duration 40, start ticks 48,
 * ticks per second 56 (8 bytes each, big-endian), file state at 64, flags at 67.
 */
enum Mutation {
  BIT_FLIPS {
    @Override
    byte[] apply(byte[] original, Random random) {
      byte[] mutant = original.clone();
      for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
        mutant[random.nextInt(mutant.length)] ^= (byte) (1 << random.nextInt(8));
      }
      return mutant;
    }
  },
  TRUNCATION {
    @Override
    byte[] apply(byte[] original, Random random) {
      return Arrays.copyOf(original, random.nextInt(original.length));
    }
  },
  ZERO_BLOCK {
    @Override
    byte[] apply(byte[] original, Random random) {
      return block(original, random, (byte) 0);
    }
  },
  FF_BLOCK {
    @Override
    byte[] apply(byte[] original, Random random) {
      return block(original, random, (byte) 0xff);
    }
  },
  NOISE_BLOCK {
    @Override
    byte[] apply(byte[] original, Random random) {
      byte[] mutant = original.clone();
      int start = random.nextInt(mutant.length);
      int length = Math.min(mutant.length - start, 1 + random.nextInt(256));
      for (int i = start; i < start + length; i++) {
        mutant[i] = (byte) random.nextInt(256);
      }
      return mutant;
    }
  },
  HEADER_FIELD {
    @Override
    byte[] apply(byte[] original, Random random) {
      byte[] mutant = original.clone();
      ByteBuffer header = ByteBuffer.wrap(mutant);
      int field = random.nextInt(LONG_FIELDS.length + 2);
      if (field == LONG_FIELDS.length) {
        mutant[FILE_STATE] = (byte) (1 + random.nextInt(255));
      } else if (field == LONG_FIELDS.length + 1) {
        header.putShort(MAJOR_VERSION, (short) random.nextInt(1 << 16));
      } else {
        long[] values = {
          Long.MAX_VALUE,
          Long.MIN_VALUE,
          -1,
          0,
          1,
          HEADER_BYTES,
          mutant.length,
          mutant.length + 1 + random.nextInt(1 << 20),
          random.nextLong(),
          random.nextInt(mutant.length)
        };
        header.putLong(LONG_FIELDS[field], values[random.nextInt(values.length)]);
      }
      return mutant;
    }
  },
  INSERTED_GARBAGE {
    @Override
    byte[] apply(byte[] original, Random random) {
      int at = random.nextInt(original.length + 1);
      byte[] garbage = new byte[1 + random.nextInt(512)];
      random.nextBytes(garbage);
      byte[] mutant = new byte[original.length + garbage.length];
      System.arraycopy(original, 0, mutant, 0, at);
      System.arraycopy(garbage, 0, mutant, at, garbage.length);
      System.arraycopy(original, at, mutant, at + garbage.length, original.length - at);
      return mutant;
    }
  },
  /** The recording twice (a valid two-chunk file), or with a damaged copy after it. */
  CONCATENATED {
    @Override
    byte[] apply(byte[] original, Random random) {
      byte[] second = original;
      if (random.nextBoolean()) {
        List<Mutation> damages = new ArrayList<>(List.of(values()));
        damages.removeAll(List.of(CONCATENATED, EMPTY, ONE_BYTE));
        second = damages.get(random.nextInt(damages.size())).apply(original, random);
      }
      byte[] mutant = Arrays.copyOf(original, original.length + second.length);
      System.arraycopy(second, 0, mutant, original.length, second.length);
      return mutant;
    }
  },
  EMPTY {
    @Override
    byte[] apply(byte[] original, Random random) {
      return new byte[0];
    }
  },
  ONE_BYTE {
    @Override
    byte[] apply(byte[] original, Random random) {
      return new byte[] {(byte) random.nextInt(256)};
    }
  };

  private static final int HEADER_BYTES = 68;
  private static final int MAJOR_VERSION = 4;
  private static final int FILE_STATE = 64;
  private static final int[] LONG_FIELDS = {8, 16, 24, 32, 40, 48, 56};

  /** A damaged copy of {@code original}. */
  abstract byte[] apply(byte[] original, Random random);

  /** 64 bytes (fewer at the end) of {@code value} over a random place. */
  private static byte[] block(byte[] original, Random random, byte value) {
    byte[] mutant = original.clone();
    int start = random.nextInt(mutant.length);
    Arrays.fill(mutant, start, Math.min(mutant.length, start + 64), value);
    return mutant;
  }
}
