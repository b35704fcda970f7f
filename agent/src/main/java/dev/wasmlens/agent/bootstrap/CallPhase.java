package dev.wasmlens.agent.bootstrap;

import dev.wasmlens.agent.bootstrap.jfr.CallEvent;

/**
 * Records calls of exported functions. Every {@code Func.call} overload enters here; only the
 * outermost call on a thread is recorded, so a call through the {@code Collection} overload or a
 * typed {@code WasmFunctions} wrapper counts once, and wasm called back from inside a host function
 * counts as part of its caller.
 *
 * <p>The hot path of the agent: one thread-local lookup, two weak-map lookups and two CPU-clock
 * readings per recorded call, and nothing but the depth counter when no recording is running.
 */
public final class CallPhase {
  private CallPhase() {}

  /**
   * {@code func.call(store, ...)} starts. Returns the event to pass to {@link #end}, or null for a
   * nested call. Every {@code begin} must be matched by one {@code end} on the same thread.
   */
  public static CallEvent begin(Object func, Object store) {
    ThreadState state = ThreadState.current();
    if (state.callDepth++ > 0) {
      return null;
    }
    InjectedFailures.maybeThrow("call begin");
    state.hostNanos = 0;
    CallEvent event = new CallEvent();
    if (!event.isEnabled()) {
      return event;
    }
    ExportInfo export = WasmObjects.export(func);
    if (export != null) {
      event.export = export.name;
      InstanceInfo instance = export.instance;
      if (instance != null) {
        event.instanceId = instance.id;
        event.module = instance.module == null ? null : instance.module.name;
      }
    }
    StoreInfo storeInfo = WasmObjects.store(store);
    event.storeId = storeInfo == null ? 0 : storeInfo.id;
    event.cpuTime = PhaseClock.start(event);
    return event;
  }

  /**
   * The call that {@link #begin} returned {@code event} for ended, having thrown {@code thrown}.
   */
  public static void end(CallEvent event, Throwable thrown) {
    ThreadState state = ThreadState.current();
    if (state.callDepth > 0) {
      state.callDepth--;
    }
    InjectedFailures.maybeThrow("call end");
    if (event == null || !event.isEnabled()) {
      return;
    }
    event.cpuTime = PhaseClock.elapsedCpu(event.cpuTime);
    event.end();
    event.hostTime = state.hostNanos;
    PhaseClock.commit(event, thrown);
  }
}
