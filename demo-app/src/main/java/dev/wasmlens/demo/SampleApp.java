package dev.wasmlens.demo;

import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Linker;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import io.github.kawamuray.wasmtime.WasmFunctions;
import io.github.kawamuray.wasmtime.WasmValType;
import io.github.kawamuray.wasmtime.wasi.WasiCtx;
import io.github.kawamuray.wasmtime.wasi.WasiCtxBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small wasmtime-java application to run under the agent, and a dense source of wasm events (a
 * large recording for the analyzer's benchmark).
 *
 * <p>It runs a real-world WASI command, wabt's {@code wat2wasm}, inside Wasmtime to build its own
 * guest from {@code checksum.wat}, then calls that guest from several threads; the guest calls back
 * into a Java host function.
 */
public final class SampleApp {
  static final int THREADS = 4;
  static final int CALLS_PER_THREAD = 2_000;
  static final int LOOP_ITERATIONS = 64;

  private SampleApp() {}

  public static void main(String[] args) throws Exception {
    run(THREADS, CALLS_PER_THREAD);
  }

  /** Builds the guest, then makes {@code callsPerThread} calls on each of {@code threads}. */
  static void run(int threads, long callsPerThread) throws Exception {
    Path work = Files.createTempDirectory("wasmlens-sample-");
    try (Engine engine = new Engine()) {
      Path guest = buildGuestWithWat2wasm(engine, work);
      System.out.printf(
          "built %s (%d bytes) with wat2wasm running in Wasmtime%n",
          guest.getFileName(), Files.size(guest));
      try (Module module = Module.fromFile(engine, guest.toString())) {
        long checksum = callFromThreads(engine, module, threads, callsPerThread);
        System.out.printf(
            "%d threads x %d calls of checksum(%d): combined checksum %d%n",
            threads, callsPerThread, LOOP_ITERATIONS, checksum);
      }
    }
  }

  /** Runs wat2wasm (a WASI command) to turn checksum.wat into checksum.wasm in {@code work}. */
  private static Path buildGuestWithWat2wasm(Engine engine, Path work) throws IOException {
    copyResource("/guests/checksum.wat", work.resolve("checksum.wat"));
    try (Module wat2wasm = Module.fromBinary(engine, readResource("/wat2wasm"));
        WasiCtx wasi =
            new WasiCtxBuilder()
                .arg("wat2wasm")
                .arg("/work/checksum.wat")
                .arg("-o")
                .arg("/work/checksum.wasm")
                .preopenedDir(work, "/work")
                .inheritStderr()
                .build();
        Store<Void> store = new Store<>(null, engine, wasi);
        Linker linker = new Linker(engine)) {
      WasiCtx.addToLinker(linker);
      linker.module(store, "", wat2wasm);
      linker.get(store, "", "_start").get().func().call(store);
    }
    return work.resolve("checksum.wasm");
  }

  /** Each thread gets its own store, host function and instance, as a request handler would. */
  private static long callFromThreads(
      Engine engine, Module module, int threadCount, long callsPerThread)
      throws InterruptedException {
    long[] sums = new long[threadCount];
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < threadCount; t++) {
      int thread = t;
      threads.add(
          new Thread(
              () -> {
                try (Store<Void> store = new Store<>(null, engine)) {
                  Func mix =
                      WasmFunctions.wrap(
                          store, WasmValType.I32, WasmValType.I32, x -> x ^ (x >>> 7));
                  try (Instance instance =
                      new Instance(store, module, List.of(Extern.fromFunc(mix)))) {
                    Func checksum = instance.getFunc(store, "checksum").get();
                    for (long i = 0; i < callsPerThread; i++) {
                      sums[thread] += checksum.call(store, Val.fromI32(LOOP_ITERATIONS))[0].i32();
                    }
                  }
                }
              },
              "sample-worker-" + t));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    long total = 0;
    for (long sum : sums) {
      total += sum;
    }
    return total;
  }

  private static byte[] readResource(String name) throws IOException {
    try (InputStream in = SampleApp.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException(name + " is missing from the class path");
      }
      return in.readAllBytes();
    }
  }

  private static void copyResource(String name, Path target) {
    try {
      Files.write(target, readResource(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
