package dev.wasmlens.agent.it.app;

import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * More runnable threads than cores: {@code CrowdedCpuApp WASM_DIR CALLS}. Two threads named {@code
 * caller-N} each call {@code add} CALLS times on stores of their own while as many threads named
 * {@code spinner-N} as the machine has cores, plus one, spin on the CPU, so every thread waits on a
 * run queue now and then. Prints {@code sum S}.
 */
public final class CrowdedCpuApp {
  private static final int CALLERS = 2;

  public static void main(String[] args) throws Exception {
    Path wasm = Path.of(args[0], "add.wasm");
    int calls = Integer.parseInt(args[1]);
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> spinners = new ArrayList<>();
    for (int i = 0; i < Runtime.getRuntime().availableProcessors() + 1; i++) {
      Thread spinner = new Thread(() -> spin(stop), "spinner-" + i);
      spinner.setDaemon(true);
      spinner.start();
      spinners.add(spinner);
    }
    long[] sums = new long[CALLERS];
    try (Engine engine = new Engine();
        Module module = new Module(engine, Files.readAllBytes(wasm))) {
      List<Thread> callers = new ArrayList<>();
      for (int c = 0; c < CALLERS; c++) {
        int caller = c;
        Thread thread =
            new Thread(
                () -> {
                  try (Store<Void> store = new Store<>(null, engine);
                      Instance instance = new Instance(store, module, List.of())) {
                    Func add = instance.getFunc(store, "add").get();
                    for (int i = 0; i < calls; i++) {
                      sums[caller] += add.call(store, Val.fromI32(i), Val.fromI32(1))[0].i32();
                    }
                  }
                },
                "caller-" + c);
        thread.start();
        callers.add(thread);
      }
      for (Thread thread : callers) {
        thread.join();
      }
    }
    stop.set(true);
    for (Thread spinner : spinners) {
      spinner.join();
    }
    System.out.println("sum " + (sums[0] + sums[1]));
  }

  private static void spin(AtomicBoolean stop) {
    long x = 0;
    while (!stop.get()) {
      x = x * 31 + 7;
    }
    if (x == 42) {
      System.out.println("unlikely");
    }
  }
}
