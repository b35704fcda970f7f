package dev.wasmlens.agent.bootstrap;

import dev.wasmlens.agent.bootstrap.jfr.CallEvent;

/**
 * Records calls of exported functions. Every {@code Func.call} overload enters here; only the
 * outermost call on a thread is recorded, so a call through the {@code Collection} overload or a
 * typed {@code WasmFunctions} wrapper counts once, and wasm called back from inside a host function
 * counts as part of its caller.
 *
 * <p>While a recording takes the call histograms ({@link CallHistograms}), every call is counted
 * there and only the calls that matter become {@code wasmlens.Call} events: the slow ones (above
 * their series' {@link CallSeries#eventThresholdNanos() threshold}), every failed one and the first
 * into each instance. Such a call costs one thread-local lookup, one weak-map lookup, two clock
 * readings and one histogram update, and allocates nothing: its event is the thread's, reused, and
 * its store, ids and names are looked up only if it is kept. Every call is an event, identified as
 * it begins, in a diagnosis ({@code wasmlens.diagnosis=true}, which reads its CPU clock too) and
 * for a recording without the histograms. A {@link PhaseListener} gets whole only the calls it
 * makes spans of (failed, at least its threshold, or holding a host call it got) and a count of
 * every other one, so telemetry selects as the recording does. Nothing but the depth counter and a
 * few flag reads when nothing wants calls, and no event class loaded before JFR starts ({@link
 * JfrState}).
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
    state.hostCallListened = false;
    if (!PhaseClock.mayBeWanted()) {
      return null;
    }
    CallEvent event = state.callEvent();
    boolean recorded = event.isEnabled();
    boolean listened = PhaseListener.Registry.current() != null;
    boolean counted = CallHistograms.recording();
    if (!recorded && !listened && !counted) {
      return null;
    }
    boolean readCpu = recorded && ThreadCpuClock.forCalls();
    state.everyCall = readCpu || (recorded && !counted);
    ExportInfo export = WasmObjects.export(func);
    state.callExport = export;
    // Held only until the call ends, and only if the call might be kept.
    state.callStore = state.everyCall ? null : store;
    if (state.everyCall) {
      identify(event, export, store, firstCall(export));
    }
    PhaseClock.start(event, readCpu);
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
    if (event == null) {
      return;
    }
    // Read after the checks, so that a call nothing wants reads no clock: a few nanoseconds late.
    long endNanos = System.nanoTime();
    Object store = state.callStore;
    state.callStore = null;
    long nanos = endNanos - event.startNanos;
    ExportInfo export = state.callExport;
    CallSeries series =
        CallHistograms.active(endNanos)
            ? CallHistograms.record(state, export, nanos, thrown != null)
            : null;
    PhaseListener listener = PhaseListener.Registry.current();
    boolean recorded = state.everyCall;
    if (!state.everyCall) {
      boolean first = firstCall(export);
      boolean failed = thrown != null;
      recorded =
          event.isEnabled()
              && (first || failed || series == null || nanos >= series.eventThresholdNanos());
      boolean listenerWants =
          listener != null
              && (failed || nanos >= listener.callMinNanos() || state.hostCallListened);
      if (!recorded && !listenerWants) {
        if (listener != null) {
          InstanceInfo instance = export == null ? null : export.instance;
          listener.counted(
              instance == null || instance.module == null ? null : instance.module.name,
              export == null ? null : export.name,
              nanos);
        }
        return;
      }
      // Ended before its identity is looked up; not before the decision, which would cost every
      // call another clock reading.
      PhaseClock.stop(event);
      identify(event, export, store, first);
    } else {
      PhaseClock.stop(event);
    }
    event.hostTime = state.hostNanos;
    PhaseClock.setOutcome(event, thrown);
    if (listener != null) {
      listener.called(event, event.startNanos, endNanos);
    }
    // A call only the listener wanted is no event: the recording's selection stays its own.
    if (recorded) {
      PhaseClock.commit(event);
    }
  }

  /** Whether this is the first call into the instance that exports it; true once per instance. */
  private static boolean firstCall(ExportInfo export) {
    return export != null && export.instance != null && export.instance.markCalled();
  }

  /** Fills the identity fields of the thread's reused {@code event}: every one, as it is reused. */
  private static void identify(CallEvent event, ExportInfo export, Object store, boolean first) {
    InstanceInfo instance = export == null ? null : export.instance;
    event.export = export == null ? null : export.name;
    event.instanceId = instance == null ? 0 : instance.id;
    event.module = instance == null || instance.module == null ? null : instance.module.name;
    event.firstForInstance = first;
    StoreInfo storeInfo = store == null ? null : WasmObjects.store(store);
    event.storeId = storeInfo == null ? 0 : storeInfo.id;
    event.traceId = null;
    event.parentSpanId = null;
    event.spanId = null;
  }
}
