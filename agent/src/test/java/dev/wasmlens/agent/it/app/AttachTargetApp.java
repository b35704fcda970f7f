package dev.wasmlens.agent.it.app;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A service under load, for attaching to: {@code AttachTargetApp WASM_DIR GO_FILE}. Two threads
 * call wasm without pause, one on an instance made at start, one making, calling and closing a
 * store and an instance (with a host function) each round and compiling now and then. It prints
 * {@code ready} once every wasmtime-java class it uses is loaded but {@code Linker}, runs on until
 * {@code GO_FILE} exists (the test creates it after attaching), then 2,000 rounds more, every 100th
 * of them instantiating through a {@code Linker} (first loaded then, after the attach), and prints
 * {@code linkers L} and {@code calls N failures F}: a call that threw or returned a wrong result is
 * a failure.
 */
public final class AttachTargetApp {
  private static final AtomicLong CALLS = new AtomicLong();
  private static final AtomicLong FAILURES = new AtomicLong();
  private static final AtomicBoolean STOP = new AtomicBoolean();

  public static void main(String[] args) throws Exception {
    Path wasmDir = Path.of(args[0]);
    Path goFile = Path.of(args[1]);
    byte[] add = Files.readAllBytes(wasmDir.resolve("add.wasm"));
    byte[] host = Files.readAllBytes(wasmDir.resolve("host.wasm"));
    try (Engine engine = new Engine();
        Module addModule = new Module(engine, add);
        Store<Void> store = new Store<>(null, engine);
        Instance instance = new Instance(store, addModule, List.of())) {
      Func addFunc = instance.getFunc(store, "add").get();
      Thread steady =
          new Thread(
              () -> {
                for (int i = 0; !STOP.get(); i++) {
                  int n = i;
                  check(() -> addFunc.call(store, Val.fromI32(n), Val.fromI32(1))[0].i32(), n + 1);
                }
              },
              "steady-caller");
      round(engine, addModule, host, 0);
      System.out.println("ready");
      steady.start();
      int round = 0;
      while (!Files.exists(goFile)) {
        round(engine, addModule, host, round++);
      }
      int linkers = 0;
      for (int i = 0; i < 2_000; i++) {
        round(engine, addModule, host, round++);
        if (i % 100 == 0) {
          linked(engine, addModule, i);
          linkers++;
        }
      }
      System.out.println("linkers " + linkers);
      STOP.set(true);
      steady.join();
    }
    System.out.println("calls " + CALLS.get() + " failures " + FAILURES.get());
  }

  /** A store and two instances made, called and closed; a compile every 100th round. */
  private static void round(Engine engine, Module addModule, byte[] host, int round) {
    try (Store<Void> store = new Store<>(null, engine);
        Instance adder = new Instance(store, addModule, List.of())) {
      Func add = adder.getFunc(store, "add").get();
      check(() -> add.call(store, Val.fromI32(round), Val.fromI32(2))[0].i32(), round + 2);
      if (round % 100 == 0) {
        try (Module compiled = Module.fromBinary(engine, host);
            Func doubler = WasmFunctions.wrap(store, WasmValType.I32, WasmValType.I32, x -> 2 * x);
            Instance hosted = new Instance(store, compiled, List.of(Extern.fromFunc(doubler)))) {
          Func doublePlusOne = hosted.getFunc(store, "double_plus_one").get();
          check(() -> doublePlusOne.call(store, Val.fromI32(round))[0].i32(), 2 * round + 1);
        }
      }
    }
  }

  /** An instance made through a linker, called, and the linker closed. */
  private static void linked(Engine engine, Module addModule, int n) {
    try (Store<Void> store = new Store<>(null, engine);
        Linker linker = new Linker(engine)) {
      linker.module(store, "adder", addModule);
      Func add = linker.get(store, "adder", "add").get().func();
      check(() -> add.call(store, Val.fromI32(n), Val.fromI32(3))[0].i32(), n + 3);
    }
  }

  private interface IntCall {
    int call();
  }

  private static void check(IntCall call, int expected) {
    CALLS.incrementAndGet();
    try {
      if (call.call() != expected) {
        FAILURES.incrementAndGet();
      }
    } catch (RuntimeException e) {
      FAILURES.incrementAndGet();
      System.err.println("call failed: " + e);
    }
  }
}
