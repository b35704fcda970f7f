package dev.wasmlens.demo.guest;

import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Linker;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.WasmFunctionError;
import io.github.kawamuray.wasmtime.wasi.WasiCtx;
import io.github.kawamuray.wasmtime.wasi.WasiCtxBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * wabt's {@code wat2wasm}, a real-world WASI command, turning WebAssembly text into a module. It is
 * compiled once, by the first conversion (about half a second: a cold start a request pays), on the
 * engine it is given; every conversion then runs in a new store with its own WASI context and a
 * private folder. Thread-safe.
 */
public final class Wat2Wasm implements AutoCloseable {
  private final Engine engine;
  private Module module;

  /** Uses {@code engine}, which stays the caller's; compiles nothing yet. */
  public Wat2Wasm(Engine engine) {
    this.engine = engine;
  }

  /** Compiles wat2wasm on the engine now: while it runs it holds the engine's lock. */
  public synchronized Module compiled() {
    if (module == null) {
      module = Module.fromBinary(engine, GuestBinaries.read(GuestBinaries.WAT2WASM));
    }
    return module;
  }

  /**
   * Converts {@code wat} to a binary module.
   *
   * @throws IllegalArgumentException with wat2wasm's first line of complaint when the text is not
   *     valid
   */
  public byte[] convert(String wat) throws IOException {
    Path folder = Files.createTempDirectory("wat2wasm-");
    try {
      Files.writeString(folder.resolve("input.wat"), wat, StandardCharsets.UTF_8);
      int exitCode = run(folder);
      Path output = folder.resolve("output.wasm");
      if (exitCode != 0 || !Files.exists(output)) {
        String complaint =
            Files.readString(folder.resolve("stderr.txt"), StandardCharsets.UTF_8).trim();
        throw new IllegalArgumentException(
            "wat2wasm rejected the text: "
                + (complaint.isEmpty()
                    ? "exit code " + exitCode
                    : complaint.lines().findFirst().get()));
      }
      return Files.readAllBytes(output);
    } finally {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private int run(Path folder) {
    Module wat2wasm = compiled();
    try (WasiCtx wasi =
            new WasiCtxBuilder()
                .arg("wat2wasm")
                .arg("/work/input.wat")
                .arg("-o")
                .arg("/work/output.wasm")
                .preopenedDir(folder, "/work")
                .stderr(folder.resolve("stderr.txt"))
                .build();
        Store<Void> store = new Store<>(null, engine, wasi);
        Linker linker = new Linker(engine)) {
      WasiCtx.addToLinker(linker);
      linker.module(store, "", wat2wasm);
      try {
        linker.get(store, "", "_start").get().func().call(store);
        return 0;
      } catch (WasmFunctionError.I32ExitError exit) {
        return exit.exitCode();
      }
    }
  }

  @Override
  public synchronized void close() {
    if (module != null) {
      module.close();
    }
  }
}
