package dev.wasmlens.demo.service;

import dev.wasmlens.demo.guest.ChecksumInstance;
import dev.wasmlens.demo.guest.GuestBinaries;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Module;

/**
 * A cold start taken apart, measured once in a fresh JVM before the service serves anything:
 * loading the native library, creating the engine, compiling the guest, instantiating it, and its
 * first call.
 *
 * <p>What class of number this is: engine-level, in-process, wasmtime-java binding included, on
 * this machine; no platform scheduling, no network, no container. Compare it with the "measured
 * here" row of shared/notes/wasm-modules-and-conventions.md, not with platform figures such as
 * Cloudflare's or Fastly's.
 *
 * @param nativeLoadNanos class initialisation that extracts and loads the JNI library
 * @param engineNanos {@code new Engine()}
 * @param compileNanos {@code new Module(engine, checksum.wasm)}
 * @param instantiateNanos new store, host function and instance
 * @param firstCallNanos the first {@code checksum} call
 */
public record ColdStart(
    long nativeLoadNanos,
    long engineNanos,
    long compileNanos,
    long instantiateNanos,
    long firstCallNanos) {
  /** The class of number, for reports. */
  public static final String KIND =
      "engine-level, in-process, binding included (wasmtime-java 0.19.0)";

  /** The sum of the parts. */
  public long totalNanos() {
    return nativeLoadNanos + engineNanos + compileNanos + instantiateNanos + firstCallNanos;
  }

  /** Measures the parts; meaningful only as the JVM's first use of wasmtime-java. */
  public static ColdStart measure() {
    byte[] guest = GuestBinaries.read(GuestBinaries.CHECKSUM);
    long start = System.nanoTime();
    try {
      Class.forName("io.github.kawamuray.wasmtime.Engine", true, ColdStart.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("wasmtime-java is not on the class path", e);
    }
    long loaded = System.nanoTime();
    try (Engine engine = new Engine()) {
      long engineReady = System.nanoTime();
      try (Module module = new Module(engine, guest)) {
        long compiled = System.nanoTime();
        try (ChecksumInstance instance = new ChecksumInstance(engine, module)) {
          long instantiated = System.nanoTime();
          instance.checksum(1);
          long called = System.nanoTime();
          return new ColdStart(
              loaded - start,
              engineReady - loaded,
              compiled - engineReady,
              instantiated - compiled,
              called - instantiated);
        }
      }
    }
  }
}
