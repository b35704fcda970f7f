package dev.wasmlens.demo.fault;

import dev.wasmlens.demo.guest.GuestBinaries;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import java.time.Duration;
import java.util.List;

/**
 * Many fresh instances with large linear memories: on the service's engine, again and again, a new
 * store and instance of {@link GuestBinaries#MEMORY} ({@link #MEMORY_MIB} MiB), a call that writes
 * one byte of each of its {@link #HOST_PAGES} host pages (a page fault each, the kernel zeroing the
 * page) and the store's teardown (which unmaps it). The injector's thread spends most of that in
 * the kernel; the requests share the cores and the process's memory map with it.
 */
final class LargeMemories implements FaultInjector {
  static final int MEMORY_MIB = 64;
  static final int HOST_PAGE_BYTES = 4096;
  static final int HOST_PAGES = MEMORY_MIB * 1024 * 1024 / HOST_PAGE_BYTES;
  private final Engine engine;

  LargeMemories(Engine engine) {
    this.engine = engine;
  }

  @Override
  public String name() {
    return "large-memory";
  }

  @Override
  public String inject(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    int instances = 0;
    long touched = 0;
    try (Module module = new Module(engine, GuestBinaries.read(GuestBinaries.MEMORY))) {
      while (System.nanoTime() < end) {
        try (Store<Void> store = new Store<>(null, engine);
            Instance instance = new Instance(store, module, List.of());
            Func touch = instance.getFunc(store, "touch").get()) {
          touched += touch.call(store, Val.fromI32(HOST_PAGES))[0].i32();
          instances++;
        }
      }
    }
    return String.format(
        "%d fresh instances of %d MiB, %d host pages touched (%d MiB), each store torn down",
        instances, MEMORY_MIB, touched, touched * HOST_PAGE_BYTES / (1024 * 1024));
  }
}
