package dev.wasmlens.agent.it.app;

import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Calls {@code add} in a loop and prints the latency percentiles it saw, after a warm-up: {@code
 * CallLoopApp WASM_DIR CALLS}. Each call is timed from the caller's side, so anything the agent or
 * its exporter makes the caller wait for shows.
 */
public final class CallLoopApp {
  private static final int WARM_UP_CALLS = 20_000;

  public static void main(String[] args) throws Exception {
    int calls = Integer.parseInt(args[1]);
    try (Engine engine = new Engine();
        Module module = new Module(engine, Files.readAllBytes(Path.of(args[0], "add.wasm")));
        Store<Void> store = new Store<>(null, engine);
        Instance instance = new Instance(store, module, List.of())) {
      Func add = instance.getFunc(store, "add").get();
      long sum = 0;
      for (int i = 0; i < WARM_UP_CALLS; i++) {
        sum += add.call(store, Val.fromI32(i), Val.fromI32(1))[0].i32();
      }
      long[] nanos = new long[calls];
      for (int i = 0; i < calls; i++) {
        long start = System.nanoTime();
        sum += add.call(store, Val.fromI32(i), Val.fromI32(1))[0].i32();
        nanos[i] = System.nanoTime() - start;
      }
      Arrays.sort(nanos);
      System.out.println("sum " + sum);
      System.out.println("p50-nanos " + nanos[calls / 2]);
      System.out.println("p99-nanos " + nanos[(int) (calls * 0.99)]);
      System.out.println("max-nanos " + nanos[calls - 1]);
    }
    System.out.println("main-ended-at-millis " + System.currentTimeMillis());
  }
}
