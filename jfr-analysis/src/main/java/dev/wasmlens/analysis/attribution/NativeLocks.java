package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.WasmOperation;

/**
 * The native lock model of wasmtime-java 0.19.0 (docs/native-locks.md, pinned by the agent's
 * NativeLocksIT): which operation holds which handle for its whole duration, and which operations
 * wait for it. Only what the agent's events identify is modelled: engines, stores and modules (by
 * their handle, {@code moduleId}; by name on one engine in older recordings).
 */
final class NativeLocks {
  private NativeLocks() {}

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

  /** Calls, instantiations and a store's teardown take the store's lock. */
  private static boolean takesStore(WasmOperation operation) {
    return operation.phase() == WasmOperation.Phase.CALL
        || operation.phase() == WasmOperation.Phase.INSTANTIATE
        || operation.phase() == WasmOperation.Phase.TEARDOWN && "Store".equals(operation.name());
  }

  private static boolean same(long id, long other) {
    return id != 0 && id == other;
  }
}
