package dev.wasmlens.agent.it.app;

import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import io.github.kawamuray.wasmtime.WasmFunctions;
import io.github.kawamuray.wasmtime.WasmValType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Many fast host calls with a few slow and failing ones among them, for the tests of which host
 * calls the agent keeps as events: {@code TailHostCallsApp WASM_DIR}. The guest's {@code
 * double_plus_one} calls the host function {@code env.double}, which sleeps for {@link #SLOW} and
 * throws for a negative argument. Prints what it did, one {@code name value} line each (with how
 * many host calls the caller saw take a millisecond or more, around the whole guest call), then how
 * many heap bytes a fast host call (and its enclosing call) allocated on its thread.
 */
public final class TailHostCallsApp {

  private static final int SLOW = 1_000_000;
  private static final long SLOW_MILLIS = 3;
  private static final int FAIL_EVERY = 700;

  private static long slow;
  private static long failed;

  public static void main(String[] args) throws Exception {
    long hostCalls = 0;
    try (Engine engine = new Engine();
        Module module = new Module(engine, Files.readAllBytes(Path.of(args[0], "host.wasm")));
        Store<Void> store = new Store<>(null, engine);
        Func doubler =
            WasmFunctions.wrap(
                store,
                WasmValType.I32,
                WasmValType.I32,
                x -> {
                  if (x < 0) {
                    throw new IllegalArgumentException("refused " + x);
                  }
                  if (x == SLOW) {
                    sleep();
                  }
                  return 2 * x;
                });
        Instance instance = new Instance(store, module, List.of(Extern.fromFunc(doubler)))) {
      Func doublePlusOne = instance.getFunc(store, "double_plus_one").get();
      long warmUpEnd = System.nanoTime() + MixedLoad.WARM_UP_NANOS;
      while (System.nanoTime() < warmUpEnd) {
        call(doublePlusOne, store, 7);
        hostCalls++;
      }
      hostCalls +=
          MixedLoad.mixedPhase(
              "host-calls",
              i -> {
                if (i % MixedLoad.SLOW_EVERY == 0) {
                  call(doublePlusOne, store, SLOW);
                  slow++;
                } else if (i % FAIL_EVERY == 0) {
                  try {
                    call(doublePlusOne, store, -1);
                    throw new AssertionError("the host function did not throw");
                  } catch (RuntimeException expected) {
                    failed++;
                  }
                } else {
                  call(doublePlusOne, store, (int) (i % 1000));
                }
              });
      double bytesPerCall = MixedLoad.bytesPerCall(() -> call(doublePlusOne, store, 7));
      hostCalls += MixedLoad.MEASURED_CALLS;
      System.out.println("host-calls " + hostCalls);
      System.out.println("slow " + slow);
      System.out.println("failed " + failed);
      System.out.println("bytes-per-call " + bytesPerCall);
    }
  }

  private static int call(Func doublePlusOne, Store<Void> store, int x) {
    return doublePlusOne.call(store, Val.fromI32(x))[0].i32();
  }

  private static void sleep() {
    try {
      Thread.sleep(SLOW_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
