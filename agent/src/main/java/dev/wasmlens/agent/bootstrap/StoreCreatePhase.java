package dev.wasmlens.agent.bootstrap;

import dev.wasmlens.agent.bootstrap.jfr.StoreCreateEvent;

/**
 * Records store creation. Timed around the native {@code newStore(enginePtr, data, wasiPtr)} that
 * every public way to create a store calls; the event is committed when the {@code Store(long)}
 * constructor has given the store its id, or at once when the native method failed.
 */
public final class StoreCreatePhase {
  private StoreCreatePhase() {}

  /** The native {@code newStore} starts on the engine at {@code enginePtr}. */
  public static StoreCreateEvent begin(long enginePtr) {
    InjectedFailures.maybeThrow("store begin");
    ThreadState.current().newStoreEnginePtr = enginePtr;
    if (!PhaseClock.mayBeWanted()) {
      return null;
    }
    StoreCreateEvent event = new StoreCreateEvent();
    if (!PhaseClock.wanted(event)) {
      return null;
    }
    event.engineId = enginePtr;
    PhaseClock.start(event, ThreadCpuClock.forSetUp());
    return event;
  }

  /** The native {@code newStore} ended, having thrown {@code thrown}. */
  public static void end(StoreCreateEvent event, Throwable thrown) {
    InjectedFailures.maybeThrow("store end");
    if (event == null) {
      return;
    }
    PhaseClock.stop(event);
    PhaseClock.setOutcome(event, thrown);
    PhaseListener listener = PhaseListener.Registry.current();
    if (listener != null) {
      listener.storeCreated(event);
    }
    if (thrown == null) {
      ThreadState.current().createdStoreEvent = event;
    } else {
      PhaseClock.commit(event);
    }
  }

  /**
   * A public {@code Store} constructor starts on {@code engine}. For advice on the Java
   * constructor, which sees the engine rather than its address.
   */
  public static StoreCreateEvent beginOn(Object engine) {
    return begin(NativePointers.of(engine));
  }

  /**
   * The public constructor that {@link #beginOn} announced returned {@code store}: the creation
   * ended, and the store gets its id. (A constructor's failure is not observable.)
   */
  public static void endCreated(StoreCreateEvent event, Object store) {
    end(event, null);
    created(store);
  }

  /**
   * {@code Store(long)} returned: the store gets its id, and its creation event is committed with
   * it.
   */
  public static void created(Object store) {
    ThreadState state = ThreadState.current();
    StoreInfo info = WasmObjects.storeCreated(store, state.newStoreEnginePtr);
    state.newStoreEnginePtr = 0;
    StoreCreateEvent event = state.createdStoreEvent;
    state.createdStoreEvent = null;
    if (event != null) {
      event.storeId = info.id;
      PhaseClock.commit(event);
    }
  }
}
