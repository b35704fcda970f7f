package dev.wasmlens.agent.bootstrap;

import dev.wasmlens.agent.bootstrap.jfr.TeardownEvent;
import java.util.Set;

/**
 * Records {@code dispose()} of Instance, Store, Module, Engine, Linker and Func. {@code dispose()}
 * is native in wasmtime-java, so it is wrapped through the JVM's native-method prefix; {@code
 * close()} calls it and is thus covered too, counted once.
 */
public final class TeardownPhase {
  private static final String PACKAGE = "io.github.kawamuray.wasmtime.";

  /** The types whose {@code dispose()} is a teardown. */
  public static final Set<String> DISPOSED_TYPES =
      Set.of(
          PACKAGE + "Instance",
          PACKAGE + "Store",
          PACKAGE + "Module",
          PACKAGE + "Engine",
          PACKAGE + "Linker",
          PACKAGE + "Func");

  private TeardownPhase() {}

  /**
   * {@code target.dispose()} starts.
   *
   * @param target the object being disposed
   * @param typeName the declaring class's name, for example {@code
   *     io.github.kawamuray.wasmtime.Store}
   * @param nativePtr the object's native address, read before {@code dispose()} clears it
   */
  public static TeardownEvent begin(Object target, String typeName, long nativePtr) {
    return outermost() ? describe(target, typeName, nativePtr) : null;
  }

  /**
   * {@code target.close()} starts. For advice on {@code Disposable.close()}, which sees the object
   * rather than its declaring class and address, and sees every {@code Disposable}: only the types
   * whose {@code dispose()} the agent wraps otherwise are recorded.
   */
  public static TeardownEvent beginClose(Object target) {
    String typeName = target.getClass().getName();
    return outermost() && DISPOSED_TYPES.contains(typeName)
        ? describe(target, typeName, NativePointers.of(target))
        : null;
  }

  /** Counts a teardown starting on this thread; true unless it runs inside another. */
  private static boolean outermost() {
    return ThreadState.current().teardownDepth++ == 0;
  }

  private static TeardownEvent describe(Object target, String typeName, long nativePtr) {
    InjectedFailures.maybeThrow("teardown begin");
    String kind = typeName.startsWith(PACKAGE) ? typeName.substring(PACKAGE.length()) : typeName;
    WasmObjects.disposed(target, kind);
    if (!PhaseClock.mayBeWanted()) {
      return null;
    }
    TeardownEvent event = new TeardownEvent();
    if (!PhaseClock.wanted(event)) {
      return null;
    }
    event.kind = kind;
    switch (kind) {
      case "Module":
        ModuleInfo module = WasmObjects.module(target);
        event.module = module == null ? null : module.name;
        event.engineId = module == null ? 0 : module.engineId;
        event.moduleId = nativePtr;
        break;
      case "Store":
        StoreInfo store = WasmObjects.store(target);
        event.storeId = store == null ? 0 : store.id;
        event.engineId = store == null ? 0 : store.engineId;
        break;
      case "Instance":
        describeInstance(event, WasmObjects.instance(target));
        break;
      case "Func":
        ExportInfo export = WasmObjects.export(target);
        describeInstance(event, export == null ? null : export.instance);
        break;
      case "Engine":
        event.engineId = nativePtr;
        break;
      default:
        break;
    }
    PhaseClock.start(event, ThreadCpuClock.forCalls());
    return event;
  }

  /** The teardown that {@link #begin} or {@link #beginClose} returned {@code event} for ended. */
  public static void end(TeardownEvent event, Throwable thrown) {
    long endNanos = System.nanoTime();
    ThreadState state = ThreadState.current();
    if (state.teardownDepth > 0) {
      state.teardownDepth--;
    }
    InjectedFailures.maybeThrow("teardown end");
    if (event == null) {
      return;
    }
    PhaseClock.stop(event);
    PhaseClock.setOutcome(event, thrown);
    PhaseListener listener = PhaseListener.Registry.current();
    if (listener != null) {
      listener.tornDown(event, event.startNanos, endNanos);
    }
    PhaseClock.commit(event);
  }

  private static void describeInstance(TeardownEvent event, InstanceInfo instance) {
    if (instance == null) {
      return;
    }
    event.instanceId = instance.id;
    event.module = instance.module == null ? null : instance.module.name;
    event.storeId = instance.store == null ? 0 : instance.store.id;
    event.engineId = instance.store == null ? 0 : instance.store.engineId;
    event.moduleId = instance.module == null ? 0 : instance.module.id;
  }
}
