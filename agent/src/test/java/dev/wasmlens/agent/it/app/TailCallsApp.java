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
import java.util.concurrent.TimeUnit;

/**
 * Many fast calls of one export with a few slow ones, failing ones and first calls into new
 * instances among them, for the tests of which calls the agent keeps as events: {@code TailCallsApp
 * WASM_DIR}. Prints what it did, one {@code name value} line each, then how many heap bytes a fast
 * call allocated on its thread, measured over {@link MixedLoad#MEASURED_CALLS} calls.
 */
public final class TailCallsApp {

  private static final int FAST = 10;
  private static final long SLOW_CALL_NANOS = TimeUnit.MILLISECONDS.toNanos(3);
  private static final int TRAP_EVERY = 700;
  private static final int NEW_INSTANCE_EVERY = 1_100;

  private static long slow;
  private static long traps;
  private static long instances = 1;

  public static void main(String[] args) throws Exception {
    long calls = 0;
    try (Engine engine = new Engine();
        Module module = new Module(engine, Files.readAllBytes(Path.of(args[0], "work.wasm")));
        Store<Void> store = new Store<>(null, engine);
        Instance instance = new Instance(store, module, List.of())) {
      Func work = instance.getFunc(store, "work").get();
      long warmUpEnd = System.nanoTime() + MixedLoad.WARM_UP_NANOS;
      while (System.nanoTime() < warmUpEnd) {
        call(work, store, FAST);
        calls++;
      }
      int slowArgument = slowArgument(work, store);
      calls += 5;
      calls +=
          MixedLoad.mixedPhase(
              "calls",
              i -> {
                if (i % MixedLoad.SLOW_EVERY == 0) {
                  call(work, store, slowArgument);
                  slow++;
                } else if (i % TRAP_EVERY == 0) {
                  try {
                    call(work, store, -1);
                    throw new AssertionError("work(-1) returned");
                  } catch (RuntimeException expected) {
                    traps++;
                  }
                } else if (i % NEW_INSTANCE_EVERY == 0) {
                  try (Store<Void> fresh = new Store<>(null, engine);
                      Instance other = new Instance(fresh, module, List.of());
                      Func otherWork = other.getFunc(fresh, "work").get()) {
                    call(otherWork, fresh, FAST);
                  }
                  instances++;
                } else {
                  call(work, store, FAST);
                }
              });
      double bytesPerCall = MixedLoad.bytesPerCall(() -> call(work, store, FAST));
      calls += MixedLoad.MEASURED_CALLS;
      System.out.println("calls " + calls);
      System.out.println("slow " + slow);
      System.out.println("traps " + traps);
      System.out.println("instances " + instances);
      System.out.println("bytes-per-call " + bytesPerCall);
    }
  }

  private static int call(Func work, Store<Void> store, int n) {
    return work.call(store, Val.fromI32(n))[0].i32();
  }

  /** The argument for which a call takes about {@link #SLOW_CALL_NANOS}, from five timed calls. */
  private static int slowArgument(Func work, Store<Void> store) {
    int probe = 1 << 20;
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      call(work, store, probe);
      best = Math.min(best, System.nanoTime() - start);
    }
    return (int) Math.min(Integer.MAX_VALUE, probe * SLOW_CALL_NANOS / Math.max(1, best));
  }
}
