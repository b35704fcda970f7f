package dev.wasmlens.agent.it.app;

import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Linker;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.wasi.WasiCtx;
import io.github.kawamuray.wasmtime.wasi.WasiCtxBuilder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs a real-world WASI command, wabt's {@code wat2wasm} (1.5 MB, shipped in {@code
 * com.dylibso.chicory:wabt}), to compile a {@code .wat} file: {@code Wat2WasmApp WAT_FILE
 * OUTPUT_DIR}.
 */
public final class Wat2WasmApp {
  public static void main(String[] args) throws Exception {
    Path source = Path.of(args[0]);
    Path outputDir = Path.of(args[1]);
    Files.createDirectories(outputDir);
    Files.copy(
        source, outputDir.resolve("input.wat"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    byte[] wat2wasm;
    try (InputStream in = Wat2WasmApp.class.getResourceAsStream("/wat2wasm")) {
      wat2wasm = in.readAllBytes();
    }
    try (Engine engine = new Engine();
        Module module = Module.fromBinary(engine, wat2wasm);
        WasiCtx wasi =
            new WasiCtxBuilder()
                .arg("wat2wasm")
                .arg("/work/input.wat")
                .arg("-o")
                .arg("/work/output.wasm")
                .preopenedDir(outputDir, "/work")
                .inheritStderr()
                .build();
        Store<Void> store = new Store<>(null, engine, wasi);
        Linker linker = new Linker(engine)) {
      WasiCtx.addToLinker(linker);
      linker.module(store, "", module);
      Func start = linker.get(store, "", "_start").get().func();
      try {
        start.call(store);
        System.out.println("wat2wasm returned");
      } catch (RuntimeException e) {
        System.out.println("wat2wasm ended with " + WasmScenario.describe(e));
      }
    }
    System.out.println("output bytes " + Files.size(outputDir.resolve("output.wasm")));
  }
}
