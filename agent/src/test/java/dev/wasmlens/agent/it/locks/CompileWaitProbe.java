package dev.wasmlens.agent.it.locks;

import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Measures what a real long compile does to store creation: wabt's {@code wat2wasm} (1.5 MB) is
 * compiled with {@code Module.fromBinary} on one engine while, a head start later, one thread
 * creates a store on that engine and another a store on a second engine. Prints one {@link
 * CompileWait} line. Plain wasmtime-java, no agent.
 */
public final class CompileWaitProbe {
  /**
   * The share of the compile's solo duration to wait before creating the stores, so that the
   * compile certainly holds the engine (its first step, copying the bytes, takes well under 1%).
   */
  private static final double HEAD_START_SHARE = 0.1;

  private CompileWaitProbe() {}

  public static void main(String[] args) throws Exception {
    byte[] wat2wasm = wat2wasm();
    // The first engine loads the native library: keep that out of the compile's solo duration.
    Engine soloEngine = new Engine();
    long aloneStart = System.nanoTime();
    Module.fromBinary(soloEngine, wat2wasm);
    long aloneNanos = System.nanoTime() - aloneStart;

    Engine engine = new Engine();
    Engine otherEngine = new Engine();
    long[] compileSpan = new long[2];
    CompletableFuture<Void> compile =
        CompletableFuture.runAsync(
            () -> {
              compileSpan[0] = System.nanoTime();
              Module.fromBinary(engine, wat2wasm);
              compileSpan[1] = System.nanoTime();
            });
    TimeUnit.NANOSECONDS.sleep((long) (aloneNanos * HEAD_START_SHARE));
    CompletableFuture<Long> otherStore =
        CompletableFuture.supplyAsync(
            () -> {
              long start = System.nanoTime();
              new Store<Void>(null, otherEngine);
              return System.nanoTime() - start;
            });
    long storeStart = System.nanoTime();
    new Store<Void>(null, engine);
    long storeEnd = System.nanoTime();
    compile.join();
    CompileWait result =
        new CompileWait(
            aloneNanos,
            compileSpan[1] - compileSpan[0],
            compileSpan[1] - storeStart,
            storeEnd - storeStart,
            otherStore.join());
    System.out.println(result.format());
  }

  private static byte[] wat2wasm() throws IOException {
    try (InputStream in = CompileWaitProbe.class.getResourceAsStream("/wat2wasm")) {
      if (in == null) {
        throw new IllegalStateException("/wat2wasm (com.dylibso.chicory:wabt) is not on the path");
      }
      return in.readAllBytes();
    }
  }
}
