package dev.wasmlens.demo.guest;

import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import io.github.kawamuray.wasmtime.WasmFunctions;
import io.github.kawamuray.wasmtime.WasmValType;
import java.util.List;

/**
 * One instance of the {@code checksum} guest, in its own store, with its host function {@code
 * host.mix}. Threads may share it: wasmtime-java holds the store's native lock for each call (host
 * function included), so calls from several threads run one at a time, and each thread's {@link
 * #checksum(int, Runnable)} runs its own host hook.
 */
public final class ChecksumInstance implements AutoCloseable {
  private static final Runnable NO_HOOK = () -> {};
  private final Store<Void> store;
  private final Func mix;
  private final Instance instance;
  private final Func checksum;

  /** What {@code host.mix} runs first during the calling thread's current call. */
  private final ThreadLocal<Runnable> onHostCall = ThreadLocal.withInitial(() -> NO_HOOK);

  /**
   * Instantiates {@code module} (compiled from {@link GuestBinaries#CHECKSUM}) on {@code engine}.
   */
  public ChecksumInstance(Engine engine, Module module) {
    store = new Store<>(null, engine);
    mix =
        WasmFunctions.wrap(
            store,
            WasmValType.I32,
            WasmValType.I32,
            x -> {
              onHostCall.get().run();
              return x ^ (x >>> 7);
            });
    instance = new Instance(store, module, List.of(Extern.fromFunc(mix)));
    checksum = instance.getFunc(store, "checksum").get();
  }

  /** Runs the guest's loop {@code iterations} times; it calls the host once at the end. */
  public int checksum(int iterations) {
    return checksum(iterations, NO_HOOK);
  }

  /**
   * Runs the guest's loop {@code iterations} times; its host call runs {@code onHostCall} first, as
   * a host function reaching shared application state (a registry, a cache) would.
   */
  public int checksum(int iterations, Runnable onHostCall) {
    this.onHostCall.set(onHostCall);
    try {
      return checksum.call(store, Val.fromI32(iterations))[0].i32();
    } finally {
      // Removed, not reset: a thread serving many short-lived instances keeps no entry per
      // instance.
      this.onHostCall.remove();
    }
  }

  @Override
  public void close() {
    checksum.close();
    instance.close();
    mix.close();
    store.close();
  }
}
