package dev.wasmlens.agent.bootstrap;

import dev.wasmlens.agent.bootstrap.jfr.HostCallEvent;

/**
 * Records wasm calling into Java: wasmtime-java routes every host function through the private
 * static {@code Func.invokeTrampoline}, on the thread of the enclosing {@code Func.call}.
 */
public final class HostCallPhase {
  private HostCallPhase() {}

  /** The host function with trampoline {@code index} starts. */
  public static HostCallEvent begin(int index) {
    InjectedFailures.maybeThrow("host call begin");
    HostCallEvent event = new HostCallEvent();
    if (!PhaseClock.wanted(event)) {
      return null;
    }
    HostFuncInfo info = WasmObjects.hostFunc(index);
    event.importName = info == null || info.importName == null ? "#" + index : info.importName;
    event.storeId = info == null || info.store == null ? 0 : info.store.id;
    PhaseClock.start(event, ThreadCpuClock.forCalls());
    return event;
  }

  /**
   * The host function ended; {@code startNanos} is {@link System#nanoTime()} at its start. Its time
   * is added to the enclosing call's host time whether or not anything records.
   */
  public static void end(HostCallEvent event, long startNanos, Throwable thrown) {
    long endNanos = System.nanoTime();
    ThreadState.current().hostNanos += endNanos - startNanos;
    InjectedFailures.maybeThrow("host call end");
    if (event == null) {
      return;
    }
    PhaseClock.stop(event);
    PhaseClock.setOutcome(event, thrown);
    PhaseListener listener = PhaseListener.Registry.current();
    if (listener != null) {
      listener.hostCalled(event, event.startNanos, endNanos);
    }
    PhaseClock.commit(event);
  }
}
