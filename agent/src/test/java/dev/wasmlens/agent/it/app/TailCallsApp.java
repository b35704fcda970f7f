package dev.wasmlens.agent.it.app;

import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Many fast calls of one export with a few slow ones, failing ones and first calls into new
 * instances among them, for the tests of which calls the agent keeps as events: {@code TailCallsApp
 * WASM_DIR}. Prints what it did, one {@code name value} line each, then how many heap bytes a fast
 * call allocated on its thread, measured over {@link #MEASURED_CALLS} calls.
 */
public final class TailCallsApp {
  /** Long enough for the agent's histograms to have had a busy interval (they run every second). */
  private static final long WARM_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(2_500);

  private static final long MIXED_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final int FAST = 10;
  private static final long SLOW_CALL_NANOS = TimeUnit.MILLISECONDS.toNanos(3);
  private static final int SLOW_EVERY = 500;
  private static final int TRAP_EVERY = 700;
  private static final int NEW_INSTANCE_EVERY = 1_100;
  private static final int MEASURED_CALLS = 200_000;

  public static void main(String[] args) throws Exception {
    long calls = 0;
    long slow = 0;
    long traps = 0;
    long instances = 1;
    long callerSawOverOneMillisecond = 0;
    long mixedCalls = 0;
    try (Engine engine = new Engine();
        Module module = new Module(engine, Files.readAllBytes(Path.of(args[0], "work.wasm")));
        Store<Void> store = new Store<>(null, engine);
        Instance instance = new Instance(store, module, List.of())) {
      Func work = instance.getFunc(store, "work").get();
      long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
      while (System.nanoTime() < warmUpEnd) {
        call(work, store, FAST);
        calls++;
      }
      int slowArgument = slowArgument(work, store);
      calls += 5;
      System.out.println("mixed-from-epoch-millis " + System.currentTimeMillis());
      long mixedEnd = System.nanoTime() + MIXED_NANOS;
      for (long i = 1; System.nanoTime() < mixedEnd; i++) {
        long start = System.nanoTime();
        if (i % SLOW_EVERY == 0) {
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
        calls++;
        mixedCalls++;
        if (System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(1)) {
          callerSawOverOneMillisecond++;
        }
      }
      System.out.println("mixed-to-epoch-millis " + System.currentTimeMillis());
      com.sun.management.ThreadMXBean threads =
          (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long thread = Thread.currentThread().getId();
      long before = threads.getThreadAllocatedBytes(thread);
      for (int i = 0; i < MEASURED_CALLS; i++) {
        call(work, store, FAST);
      }
      long allocated = threads.getThreadAllocatedBytes(thread) - before;
      calls += MEASURED_CALLS;
      System.out.println("calls " + calls);
      System.out.println("slow " + slow);
      System.out.println("traps " + traps);
      System.out.println("instances " + instances);
      System.out.println("mixed-calls " + mixedCalls);
      System.out.println("caller-saw-over-1ms " + callerSawOverOneMillisecond);
      System.out.println("bytes-per-call " + (double) allocated / MEASURED_CALLS);
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
