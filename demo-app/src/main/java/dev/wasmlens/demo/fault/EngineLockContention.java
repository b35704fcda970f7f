package dev.wasmlens.demo.fault;

import dev.wasmlens.demo.guest.GuestBinaries;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Module;
import java.time.Duration;

/**
 * Native engine-lock contention: compiles wabt's wat2wasm (about half a second) on the service's
 * shared engine, again and again. A compile holds the engine's native lock throughout, so every
 * request that creates a store on that engine meanwhile waits, and JFR sees no Java lock: only the
 * overlap of a {@code wasmlens.Compile} with slow {@code wasmlens.Instantiate} events on the same
 * engine shows it.
 */
final class EngineLockContention implements FaultInjector {
  private final Engine engine;

  EngineLockContention(Engine engine) {
    this.engine = engine;
  }

  @Override
  public String name() {
    return "engine-lock";
  }

  @Override
  public String inject(Duration duration) {
    byte[] wat2wasm = GuestBinaries.read(GuestBinaries.WAT2WASM);
    long end = System.nanoTime() + duration.toNanos();
    int compiles = 0;
    do {
      try (Module module = Module.fromBinary(engine, wat2wasm)) {
        compiles++;
      }
    } while (System.nanoTime() < end);
    return compiles + " compiles of wat2wasm (" + wat2wasm.length + " bytes) on the shared engine";
  }
}
