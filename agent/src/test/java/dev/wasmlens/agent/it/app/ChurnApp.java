package dev.wasmlens.agent.it.app;

import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Creates and drops many stores, instances and functions, half of them disposed and half simply
 * forgotten, then reports how many objects the agent still tracks after a GC: {@code ChurnApp
 * WASM_DIR ROUNDS}.
 */
public final class ChurnApp {
  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[1]);
    try (Engine engine = new Engine();
        Module module = new Module(engine, Files.readAllBytes(Path.of(args[0], "add.wasm")))) {
      long sum = 0;
      for (int i = 0; i < rounds; i++) {
        Store<Void> store = new Store<>(null, engine);
        Instance instance = new Instance(store, module, List.of());
        Func add = instance.getFunc(store, "add").get();
        sum += add.call(store, Val.fromI32(i), Val.fromI32(1))[0].i32();
        if (i % 2 == 0) {
          add.dispose();
          instance.dispose();
          store.dispose();
        }
      }
      System.out.println("sum " + sum);
      System.out.println("tracked-before-gc " + trackedObjects());
      for (int i = 0; i < 5; i++) {
        System.gc();
        Thread.sleep(50);
      }
      System.out.println("tracked-after-gc " + trackedObjects());
    }
  }

  /** The agent's own count, read through the bootstrap class path; -1 without the agent. */
  private static int trackedObjects() throws Exception {
    try {
      return (int)
          Class.forName("dev.wasmlens.agent.bootstrap.WasmObjects")
              .getMethod("trackedObjects")
              .invoke(null);
    } catch (ClassNotFoundException e) {
      return -1;
    }
  }
}
