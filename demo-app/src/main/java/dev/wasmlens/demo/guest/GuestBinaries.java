package dev.wasmlens.demo.guest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads guest modules from the class path: ours under {@code /guests}, wabt's at the root of its
 * jar.
 */
public final class GuestBinaries {
  /** Our fixture; source {@code guests/checksum.wat}, rebuilt by {@code guests/build.sh}. */
  public static final String CHECKSUM = "/guests/checksum.wasm";

  /**
   * The large-memory fault's guest, 64 MiB of linear memory; source {@code guests/memory.wat},
   * rebuilt by {@code guests/build.sh}.
   */
  public static final String MEMORY = "/guests/memory.wasm";

  /** wabt's wat2wasm from {@code com.dylibso.chicory:wabt}. */
  public static final String WAT2WASM = "/wat2wasm";

  private GuestBinaries() {}

  /** The module's bytes. */
  public static byte[] read(String resource) {
    try (InputStream in = GuestBinaries.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
