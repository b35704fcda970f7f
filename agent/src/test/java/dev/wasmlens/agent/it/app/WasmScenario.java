package dev.wasmlens.agent.it.app;

import io.github.kawamuray.wasmtime.Config;
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
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * An application that uses every wasm phase the agent records, run in a child JVM by the
 * integration tests.
 *
 * <p>Each step prints one line: what it returned or what it threw (type, message, cause). The tests
 * run it with and without the agent and compare the lines, then compare the JFR events with the
 * steps. The step list and the events each step must produce are documented in {@code
 * WasmScenarioExpectations}.
 */
public final class WasmScenario {
  /** Threads of the concurrent step, and calls each makes. */
  public static final int THREADS = 4;

  public static final int CALLS_PER_THREAD = 25;

  /**
   * The phases one run goes through, by span name prefix: 7 compiles (two invalid), 11
   * instantiations (one failing), 9 calls on the main thread plus the workers', 2 host calls, 26
   * teardowns.
   */
  public static final Map<String, Long> PHASES =
      Map.of(
          "wasm compile", 7L,
          "wasm instantiate", 11L,
          "wasm call", 9L + THREADS * CALLS_PER_THREAD,
          "wasm host", 2L,
          "wasm teardown", 26L);

  private final PrintStream out;
  private final Path wasmDir;

  private WasmScenario(PrintStream out, Path wasmDir) {
    this.out = out;
    this.wasmDir = wasmDir;
  }

  /** {@code WasmScenario WASM_DIR}: runs every step. */
  public static void main(String[] args) throws Exception {
    new WasmScenario(System.out, Path.of(args[0])).run();
  }

  void run() throws Exception {
    try (Engine engine = new Engine()) {
      byte[] add = read("add.wasm");
      Module viaConstructor = new Module(engine, add);
      Module viaFromBinary = Module.fromBinary(engine, read("host.wasm"));
      Module viaFromFile = Module.fromFile(engine, wasmDir.resolve("faults.wasm").toString());
      step("compile-invalid", () -> Module.fromBinary(engine, new byte[] {0, 'a', 's', 'm', 9, 9}));
      step("compile-invalid-constructor", () -> new Module(engine, new byte[] {0, 'a', 's', 'm'}));

      Store<Void> store = new Store<>(null, engine);
      Instance adder = new Instance(store, viaConstructor, List.of());
      Func addFunc = adder.getFunc(store, "add").get();
      step("call-varargs", () -> addFunc.call(store, Val.fromI32(2), Val.fromI32(3))[0].i32());
      step(
          "call-collection",
          () -> addFunc.call(store, List.of(Val.fromI32(4), Val.fromI32(5))).get(0).i32());
      WasmFunctions.Function2<Integer, Integer, Integer> typedAdd =
          WasmFunctions.func(store, addFunc, WasmValType.I32, WasmValType.I32, WasmValType.I32);
      step("call-typed", () -> typedAdd.call(6, 7));

      Func doubler = WasmFunctions.wrap(store, WasmValType.I32, WasmValType.I32, x -> 2 * x);
      Instance hosted = new Instance(store, viaFromBinary, List.of(Extern.fromFunc(doubler)));
      Func doublePlusOne = hosted.getFunc(store, "double_plus_one").get();
      step("call-with-host", () -> doublePlusOne.call(store, Val.fromI32(20))[0].i32());

      Func failingHost =
          WasmFunctions.wrap(
              store,
              WasmValType.I32,
              WasmValType.I32,
              x -> {
                throw new IllegalStateException("host refused " + x);
              });
      try (Linker linker = new Linker(engine)) {
        linker.define(store, "env", "double", Extern.fromFunc(failingHost));
        linker.module(store, "linked", viaFromBinary);
        Func linked = linker.get(store, "linked", "double_plus_one").get().func();
        step("call-host-throws", () -> linked.call(store, Val.fromI32(1))[0].i32());
      }

      Instance faults = new Instance(store, viaFromFile, List.of());
      Func unreachable = faults.getFunc(store, "unreachable").get();
      step("call-trap", () -> Arrays.toString(unreachable.call(store)));
      Func div = faults.getFunc(store, "div").get();
      step("call-div-zero", () -> div.call(store, Val.fromI32(1), Val.fromI32(0))[0].i32());
      step("instantiate-missing-import", () -> new Instance(store, viaFromBinary, List.of()));

      concurrentCalls(engine, viaConstructor);

      adder.dispose();
      hosted.close();
      faults.dispose();
      addFunc.dispose();
      store.close();
      viaConstructor.dispose();
      viaFromBinary.dispose();
      viaFromFile.close();
    }
    epochInterrupt();
    wasiExit();
    out.println("done");
  }

  private void concurrentCalls(Engine engine, Module module) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    int[] sums = new int[THREADS];
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      threads.add(
          new Thread(
              () -> {
                try (Store<Void> store = new Store<>(null, engine);
                    Instance instance = new Instance(store, module, List.of())) {
                  Func add = instance.getFunc(store, "add").get();
                  for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    sums[thread] += add.call(store, Val.fromI32(thread), Val.fromI32(i))[0].i32();
                  }
                }
              },
              "wasm-worker-" + t));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    out.println("concurrent-calls: " + Arrays.toString(sums));
  }

  private void epochInterrupt() throws Exception {
    try (Engine engine = new Engine(new Config().epochInterruption(true));
        Store<Void> store = new Store<>(null, engine);
        Module module = Module.fromFile(engine, wasmDir.resolve("faults.wasm").toString());
        Instance instance = new Instance(store, module, List.of())) {
      store.setEpochDeadline(1);
      Func spin = instance.getFunc(store, "spin").get();
      Thread ticker =
          new Thread(
              () -> {
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                engine.incrementEpoch();
              },
              "epoch-ticker");
      ticker.start();
      step("call-epoch-interrupt", () -> Arrays.toString(spin.call(store)));
      ticker.join();
    }
  }

  private void wasiExit() throws Exception {
    try (Engine engine = new Engine();
        WasiCtx wasi = new WasiCtxBuilder().build();
        Store<Void> store = new Store<>(null, engine, wasi);
        Linker linker = new Linker(store.engine());
        Module module = Module.fromFile(engine, wasmDir.resolve("exit.wasm").toString())) {
      WasiCtx.addToLinker(linker);
      linker.module(store, "", module);
      Func start = linker.get(store, "", "_start").get().func();
      step("call-wasi-exit", () -> Arrays.toString(start.call(store)));
    }
  }

  private void step(String name, Callable<?> action) {
    try {
      out.println(name + ": returned " + action.call());
    } catch (Throwable t) {
      out.println(name + ": threw " + describe(t));
    }
  }

  static String describe(Throwable t) {
    StringBuilder text =
        new StringBuilder(t.getClass().getName()).append(" '").append(t.getMessage()).append('\'');
    for (Throwable cause = t.getCause(); cause != null; cause = cause.getCause()) {
      text.append(" caused by ")
          .append(cause.getClass().getName())
          .append(" '")
          .append(cause.getMessage())
          .append('\'');
    }
    return text.toString();
  }

  private byte[] read(String name) throws IOException {
    try (InputStream in = Files.newInputStream(wasmDir.resolve(name))) {
      return in.readAllBytes();
    }
  }
}
