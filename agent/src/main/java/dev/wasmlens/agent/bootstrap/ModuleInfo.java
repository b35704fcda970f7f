package dev.wasmlens.agent.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the agent knows about one compiled {@code Module}: its display name, content hash and size,
 * and the engine it was compiled on. Immutable but for the first-instantiation flag.
 */
public final class ModuleInfo {
  /** Characters of the hex hash used to name a module compiled from bytes. */
  static final int NAME_HASH_CHARS = 12;

  private static final int READ_BUFFER_BYTES = 64 * 1024;

  /**
   * The file name for {@code Module.fromFile}, else {@code "sha256:"} and the first 12 hex digits
   * of the hash.
   */
  final String name;

  /** Hex SHA-256 of the module's bytes; empty when they could not be read. */
  final String sha256;

  /** Size of the module's bytes; -1 when unknown. */
  final long size;

  /** The native address of the engine that compiled it. */
  final long engineId;

  /** The native address of the compiled Module, once the compile returned it; 0 before. */
  volatile long id;

  private final AtomicBoolean instantiated = new AtomicBoolean();

  private ModuleInfo(String name, String sha256, long size, long engineId) {
    this.name = name;
    this.sha256 = sha256;
    this.size = size;
    this.engineId = engineId;
  }

  /** Describes a module compiled from {@code bytes} on the engine at {@code enginePtr}. */
  static ModuleInfo ofBytes(byte[] bytes, long enginePtr) {
    if (bytes == null) {
      return new ModuleInfo("sha256:unknown", "", -1, enginePtr);
    }
    MessageDigest digest = sha256();
    digest.update(bytes);
    String hash = HexFormat.of().formatHex(digest.digest());
    return new ModuleInfo(
        "sha256:" + hash.substring(0, NAME_HASH_CHARS), hash, bytes.length, enginePtr);
  }

  /**
   * Describes a module compiled from the file at {@code path}. The file is read a second time to
   * hash it; when that fails the hash is empty and the size -1, and the name is still the file
   * name.
   */
  static ModuleInfo ofFile(String path, long enginePtr) {
    Path file = Paths.get(path);
    Path fileName = file.getFileName();
    String name = fileName == null ? path : fileName.toString();
    MessageDigest digest = sha256();
    long size = 0;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[READ_BUFFER_BYTES];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
        size += n;
      }
    } catch (IOException | RuntimeException e) {
      return new ModuleInfo(name, "", -1, enginePtr);
    }
    return new ModuleInfo(name, HexFormat.of().formatHex(digest.digest()), size, enginePtr);
  }

  /** Returns true exactly once: for the first instantiation of this module. */
  boolean markInstantiated() {
    return instantiated.compareAndSet(false, true);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
