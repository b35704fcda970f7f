package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.WasmOperation;

/**
 * The native lock model of wasmtime-java 0.19.0 (docs/native-locks.md, pinned by the agent's
 * NativeLocksIT): which operation holds which handle for its whole duration, and which operations
 * wait for it. Only what the agent's events identify is modelled: engines, stores and modules (by
 * their handle, {@code moduleId}; by name on one engine in older recordings), and the process's
 * memory map, which Linux lets one thread change at a time (its {@code mmap_lock}): instantiations
 * map their instances' memories, a store's teardown unmaps them, which for large memories takes
 * milliseconds on a CPU (diagnosis recordings, where teardowns carry their CPU time).
 */
final class NativeLocks {
  /**
   * A store's teardown on a CPU this long, at least, was unmapping memory long enough to hold up
   * another thread's mapping by a millisecond-scale share of its time.
   */
  static final long MIN_UNMAP_CPU_NANOS = 500_000;

  /** The handle of the process's memory map, which every thread's mapping changes share. */
  static final String MEMORY_MAP = "memory map";

  private NativeLocks() {}

  /**
   * The name of the lock on {@code handle}, for the evidence: Wasmtime's own handles are native
   * locks; the memory map's is the kernel's.
   */
  static String lockName(String handle) {
    return MEMORY_MAP.equals(handle)
        ? "memory map lock (the kernel's mmap_lock: one thread at a time maps or unmaps)"
        : "native " + handle + " lock";
  }

  /**
   * The handle by which {@code waiter} waited for {@code holder}, or null if it does not. A holder
   * started first: of two operations that need one handle, the later waits for the earlier.
   */
  static String sharedHandle(WasmOperation waiter, WasmOperation holder) {
    if (holder.startNanos() >= waiter.startNanos()) {
      return null;
    }
    switch (holder.phase()) {
      case COMPILE:
        // A compile holds its engine: store creations and compiles on it wait.
        return (waiter.phase() == WasmOperation.Phase.STORE_CREATE
                    || waiter.phase() == WasmOperation.Phase.COMPILE)
                && same(waiter.engineId(), holder.engineId())
            ? "engine"
            : null;
      case CALL:
        // A call holds its store, host functions included.
        return takesStore(waiter) && same(waiter.storeId(), holder.storeId()) ? "store" : null;
      case INSTANTIATE:
        // An instantiation holds its store and its module (instantiations of it serialize).
        if (takesStore(waiter) && same(waiter.storeId(), holder.storeId())) {
          return "store";
        }
        return waiter.phase() == WasmOperation.Phase.INSTANTIATE && sameModule(waiter, holder)
            ? "module"
            : null;
      case TEARDOWN:
        // A store's teardown that was long on a CPU was the kernel freeing its memories' pages,
        // holding the process's memory map (an instantiation maps too, but only briefly).
        return holder.tearsDownStore()
                && holder.cpuNanos() >= MIN_UNMAP_CPU_NANOS
                && changesMemoryMap(waiter)
            ? MEMORY_MAP
            : null;
      default:
        return null;
    }
  }

  /**
   * One Module object: by its handle where both events carry it; in recordings of agents before
   * {@code moduleId}, by name on one engine (two modules compiled from the same bytes look alike).
   */
  private static boolean sameModule(WasmOperation waiter, WasmOperation holder) {
    if (waiter.moduleId() != 0 && holder.moduleId() != 0) {
      return waiter.moduleId() == holder.moduleId();
    }
    return waiter.module() != null
        && waiter.module().equals(holder.module())
        && same(waiter.engineId(), holder.engineId());
  }

  static boolean waitsFor(WasmOperation waiter, WasmOperation holder) {
    return sharedHandle(waiter, holder) != null;
  }

  /** Instantiations map memory, a store's teardown unmaps it. */
  private static boolean changesMemoryMap(WasmOperation operation) {
    return operation.phase() == WasmOperation.Phase.INSTANTIATE || operation.tearsDownStore();
  }

  /** Calls, instantiations and a store's teardown take the store's lock. */
  private static boolean takesStore(WasmOperation operation) {
    return operation.phase() == WasmOperation.Phase.CALL
        || operation.phase() == WasmOperation.Phase.INSTANTIATE
        || operation.tearsDownStore();
  }

  private static boolean same(long id, long other) {
    return id != 0 && id == other;
  }
}
