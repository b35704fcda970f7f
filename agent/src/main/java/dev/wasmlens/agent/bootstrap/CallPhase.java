package dev.wasmlens.agent.bootstrap;

import dev.wasmlens.agent.bootstrap.jfr.CallEvent;

/**
 * Records calls of exported functions. Every {@code Func.call} overload enters here; only the
 * outermost call on a thread is recorded, so a call through the {@code Collection} overload or a
 * typed {@code WasmFunctions} wrapper counts once, and wasm called back from inside a host function
 * counts as part of its caller.
 *
 * <p>The hot path of the agent: one thread-local lookup, two weak-map lookups and two CPU-clock
 * readings per recorded call, and one histogram update while a recording takes the call histograms
 * ({@link CallHistograms}), which count a call even when the recording does not take it as an
 * event; nothing but the depth counter and one volatile read when nothing wants calls.
 */
public final class CallPhase {
  private CallPhase() {}

  /**
   * {@code func.call(store, ...)} starts. Returns the event to pass to {@link #end}, or null for a
   * nested call or when nothing wants calls. Every {@code begin} must be matched by one {@code end}
   * on the same thread.
   */
  public static CallEvent begin(Object func, Object store) {
    ThreadState state = ThreadState.current();
    if (state.callDepth++ > 0) {
      return null;
    }
    InjectedFailures.maybeThrow("call begin");
    state.hostNanos = 0;
    CallEvent event = new CallEvent();
    // A call the recording does not take as an event is still counted in the histograms: it keeps
    // its event for the clock and identity, never committed.
    boolean wanted = PhaseClock.wanted(event);
    if (!wanted && !CallHistograms.active()) {
      return null;
    }
    ExportInfo export = WasmObjects.export(func);
    if (export != null) {
      event.export = export.name;
      InstanceInfo instance = export.instance;
      if (instance != null) {
        event.instanceId = instance.id;
        event.module = instance.module == null ? null : instance.module.name;
        event.firstForInstance = instance.markCalled();
      }
    }
    StoreInfo storeInfo = WasmObjects.store(store);
    event.storeId = storeInfo == null ? 0 : storeInfo.id;
    PhaseClock.start(event, wanted && ThreadCpuClock.forCalls());
    return event;
  }

  /**
   * The call that {@link #begin} returned {@code event} for ended, having thrown {@code thrown}.
   */
  public static void end(CallEvent event, Throwable thrown) {
    long endNanos = System.nanoTime();
    ThreadState state = ThreadState.current();
    if (state.callDepth > 0) {
      state.callDepth--;
    }
    InjectedFailures.maybeThrow("call end");
    if (event == null) {
      return;
    }
    PhaseClock.stop(event);
    event.hostTime = state.hostNanos;
    PhaseClock.setOutcome(event, thrown);
    if (CallHistograms.active(endNanos)) {
      CallHistograms.record(
          state, event.module, event.export, endNanos - event.startNanos, thrown != null);
    }
    PhaseListener listener = PhaseListener.Registry.current();
    if (listener != null) {
      listener.called(event, event.startNanos, endNanos);
    }
    PhaseClock.commit(event);
  }
}
