package dev.wasmlens.agent.bootstrap;

import dev.wasmlens.agent.bootstrap.jfr.InstantiateEvent;

/**
 * Records instantiations: {@code new Instance(store, module, externs)} and {@code
 * Linker.module(store, name, module)}.
 *
 * <p>A constructor cannot catch what its own body throws, so {@code new Instance} is timed around
 * the native {@code newInstance} it calls: the constructor's entry {@linkplain #prepare prepares}
 * the instance's identity, the native wrapper {@linkplain #beginPrepared begins} and {@linkplain
 * #end ends} the event (a trap in a start function included), and the constructor's exit
 * {@linkplain #bind binds} the identity to the new object.
 */
public final class InstantiatePhase {
  private InstantiatePhase() {}

  /**
   * {@code new Instance(store, module, ...)} starts: returns the identity the new instance will
   * have.
   */
  public static Object prepare(Object store, Object module) {
    InstanceInfo info =
        WasmObjects.newInstance(WasmObjects.module(module), WasmObjects.store(store));
    ThreadState.current().preparedInstance = info;
    return info;
  }

  /**
   * The native {@code newInstance} starts the instantiation that {@link #prepare} announced on this
   * thread.
   */
  public static InstantiateEvent beginPrepared() {
    ThreadState state = ThreadState.current();
    InstanceInfo info = state.preparedInstance;
    state.preparedInstance = null;
    return begin(info, false);
  }

  /** {@code linker.module(store, moduleName, module)} starts. */
  public static InstantiateEvent beginLinked(
      Object linker, Object store, String moduleName, Object module) {
    InstanceInfo info =
        WasmObjects.newInstance(WasmObjects.module(module), WasmObjects.store(store));
    WasmObjects.instanceLinked(linker, moduleName, info);
    return begin(info, true);
  }

  /** The instantiation ended, having thrown {@code thrown}. */
  public static void end(InstantiateEvent event, Throwable thrown) {
    long endNanos = System.nanoTime();
    InjectedFailures.maybeThrow("instantiate end");
    if (event == null) {
      return;
    }
    PhaseClock.stop(event);
    PhaseClock.setOutcome(event, thrown);
    PhaseListener listener = PhaseListener.Registry.current();
    if (listener != null) {
      listener.instantiated(event, event.startNanos, endNanos);
    }
    PhaseClock.commit(event);
  }

  /** The constructor returned {@code instance}; {@code info} is what {@link #prepare} returned. */
  public static void bind(Object instance, Object info) {
    if (info instanceof InstanceInfo) {
      WasmObjects.instanceCreated(instance, (InstanceInfo) info);
    }
  }

  private static InstantiateEvent begin(InstanceInfo info, boolean viaLinker) {
    InjectedFailures.maybeThrow("instantiate begin");
    // Marked whether or not anything records, so that a recording started later does not call a
    // repeat "first".
    boolean first = info != null && info.module != null && info.module.markInstantiated();
    if (!PhaseClock.mayBeWanted()) {
      return null;
    }
    InstantiateEvent event = new InstantiateEvent();
    if (!PhaseClock.wanted(event)) {
      return null;
    }
    if (info != null) {
      event.instanceId = info.id;
      if (info.module != null) {
        event.module = info.module.name;
        event.moduleHash = info.module.sha256;
        event.engineId = info.module.engineId;
        event.moduleId = info.module.id;
      }
      if (info.store != null) {
        event.storeId = info.store.id;
        event.engineId = info.store.engineId;
      }
    }
    event.firstForModule = first;
    event.viaLinker = viaLinker;
    PhaseClock.start(event, ThreadCpuClock.forSetUp());
    return event;
  }
}
