package dev.wasmlens.agent.bootstrap;

import dev.wasmlens.agent.bootstrap.jfr.HostCallEvent;
import java.util.Arrays;

/**
 * Records wasm calling into Java: wasmtime-java routes every host function through the private
 * static {@code Func.invokeTrampoline}, on the thread of the enclosing {@code Func.call}.
 *
 * <p>As with calls ({@link CallPhase}), while a recording takes the host call histograms every host
 * call is counted there ({@code wasmlens.HostCallHistogram}) and only the slow ones (above their
 * series' threshold) and the failed ones become {@code wasmlens.HostCall} events; such a host call
 * allocates nothing, its event being the thread's own for its nesting depth, and its store id is
 * looked up only if it is kept. Every host call is an event in a diagnosis and for a recording
 * without the histograms. A {@link PhaseListener} gets the failed ones and those of at least its
 * threshold, as spans are made of no others.
 */
public final class HostCallPhase {
  private HostCallPhase() {}

  /** The host function with trampoline {@code index} starts. */
  public static HostCallEvent begin(int index) {
    InjectedFailures.maybeThrow("host call begin");
    if (!PhaseClock.mayBeWanted()) {
      return null;
    }
    ThreadState state = ThreadState.current();
    HostCallEvent event = eventAt(state, state.hostCallDepth);
    boolean recorded = event.isEnabled();
    boolean listened = PhaseListener.Registry.current() != null;
    boolean counted = CallHistograms.countsHostCalls();
    if (!recorded && !listened && !counted) {
      return null;
    }
    boolean readCpu = recorded && ThreadCpuClock.forCalls();
    event.everyCall = readCpu || (recorded && !counted);
    HostFuncInfo info = WasmObjects.hostFunc(index);
    event.func = info;
    event.funcIndex = index;
    if (event.everyCall) {
      identify(event, info, index);
    }
    PhaseClock.start(event, readCpu);
    state.hostCallDepth++;
    return event;
  }

  /**
   * The host function ended; {@code startNanos} is {@link System#nanoTime()} at its start. Its time
   * is added to the enclosing call's host time whether or not anything records.
   */
  public static void end(HostCallEvent event, long startNanos, Throwable thrown) {
    long endNanos = System.nanoTime();
    ThreadState state = ThreadState.current();
    state.hostNanos += endNanos - startNanos;
    if (event != null && state.hostCallDepth > 0) {
      state.hostCallDepth--;
    }
    InjectedFailures.maybeThrow("host call end");
    if (event == null) {
      return;
    }
    HostFuncInfo info = (HostFuncInfo) event.func;
    event.func = null;
    long nanos = endNanos - event.startNanos;
    CallSeries series =
        CallHistograms.countsHostCalls() && CallHistograms.active(endNanos)
            ? CallHistograms.recordHostCall(
                state, info == null ? "#" + event.funcIndex : info.name(), nanos, thrown != null)
            : null;
    PhaseListener listener = PhaseListener.Registry.current();
    boolean recorded = event.everyCall;
    boolean listenerWants = listener != null;
    if (!event.everyCall) {
      boolean failed = thrown != null;
      recorded =
          event.isEnabled() && (failed || series == null || nanos >= series.eventThresholdNanos());
      listenerWants = listenerWants && (failed || nanos >= listener.hostCallMinNanos());
      if (!recorded && !listenerWants) {
        return;
      }
      PhaseClock.stop(event);
      identify(event, info, event.funcIndex);
    } else {
      PhaseClock.stop(event);
    }
    PhaseClock.setOutcome(event, thrown);
    if (listenerWants) {
      state.hostCallListened = true;
      listener.hostCalled(event, event.startNanos, endNanos);
    }
    if (recorded) {
      PhaseClock.commit(event);
    }
  }

  /** The thread's event for a host call at {@code depth}, made at the first host call that deep. */
  private static HostCallEvent eventAt(ThreadState state, int depth) {
    HostCallEvent[] events = state.hostCallEvents;
    if (events == null) {
      events = new HostCallEvent[depth + 1];
      state.hostCallEvents = events;
    } else if (depth >= events.length) {
      events = Arrays.copyOf(events, depth + 1);
      state.hostCallEvents = events;
    }
    if (events[depth] == null) {
      events[depth] = new HostCallEvent();
    }
    return events[depth];
  }

  /** Fills the identity fields of the reused {@code event}: every one, as it is reused. */
  private static void identify(HostCallEvent event, HostFuncInfo info, int index) {
    event.importName = info == null ? "#" + index : info.name();
    event.storeId = info == null || info.store == null ? 0 : info.store.id;
    event.traceId = null;
    event.parentSpanId = null;
    event.spanId = null;
  }
}
