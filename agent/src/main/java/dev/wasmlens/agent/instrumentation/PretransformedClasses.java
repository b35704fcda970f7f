package dev.wasmlens.agent.instrumentation;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * wasmtime-java classes instrumented when the agent was built, so that the builds the agent knows
 * (0.19.0) are instrumented without loading ByteBuddy at all: loading and running it at the first
 * wasm call took about 0.5 s of start-up (docs/benchmarks.md). A class is found by the SHA-256 of
 * its bytes, so any other build of the same class goes to ByteBuddy as before. Must not refer to
 * any ByteBuddy type.
 *
 * <p>For each class file of the jar, the agent jar holds {@code RESOURCE_FOLDER/<sha256>.class}
 * (the instrumented bytes) or {@code RESOURCE_FOLDER/<sha256>.none} (nothing to instrument),
 * written by {@link PretransformedClassesWriter}.
 */
final class PretransformedClasses {
  static final String RESOURCE_FOLDER = "META-INF/wasmlens/pretransformed/";

  /** {@code -Dwasmlens.internal.pretransformed=false} always instruments with ByteBuddy (tests). */
  static final boolean ENABLED =
      !"false".equals(System.getProperty("wasmlens.internal.pretransformed"));

  /** What is known of one class file. */
  enum Kind {
    /** Instrumented at build time: use {@link Lookup#bytes()}. */
    INSTRUMENTED,
    /** Seen at build time, nothing to instrument. */
    UNTOUCHED,
    /** Not seen at build time: another build of wasmtime-java. */
    UNKNOWN
  }

  /** The answer for one class file. */
  record Lookup(Kind kind, byte[] bytes) {
    /** Not a known class: to be instrumented at run time. */
    static final Lookup UNKNOWN = new Lookup(Kind.UNKNOWN, null);
  }

  private static final Lookup UNTOUCHED = new Lookup(Kind.UNTOUCHED, null);

  private PretransformedClasses() {}

  static Lookup lookup(byte[] classFile) {
    if (!ENABLED) {
      return Lookup.UNKNOWN;
    }
    String name = RESOURCE_FOLDER + sha256(classFile);
    try (InputStream instrumented = resource(name + ".class")) {
      if (instrumented != null) {
        return new Lookup(Kind.INSTRUMENTED, instrumented.readAllBytes());
      }
    } catch (IOException e) {
      return Lookup.UNKNOWN;
    }
    try (InputStream untouched = resource(name + ".none")) {
      return untouched != null ? UNTOUCHED : Lookup.UNKNOWN;
    } catch (IOException e) {
      return Lookup.UNKNOWN;
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static InputStream resource(String name) {
    return PretransformedClasses.class.getClassLoader().getResourceAsStream(name);
  }
}
