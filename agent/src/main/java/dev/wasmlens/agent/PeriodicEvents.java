package dev.wasmlens.agent;

import dev.wasmlens.agent.bootstrap.AgentFailures;
import dev.wasmlens.agent.bootstrap.CallHistograms;
import dev.wasmlens.agent.bootstrap.jfr.CallHistogramEvent;
import dev.wasmlens.agent.bootstrap.jfr.CallHistogramFlushEvent;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;

/**
 * The agent's periodic JFR events: its status ({@code wasmlens.AgentStatus}) and the call
 * histograms ({@code wasmlens.CallHistogram}, every period and as each chunk ends). JFR runs their
 * hooks on its own thread, only while a recording enables them.
 */
final class PeriodicEvents {
  private static final AtomicBoolean REGISTERED = new AtomicBoolean();

  private PeriodicEvents() {}

  /**
   * Registers the hooks if JFR is already initialized, at most once. The agent calls this after
   * starting its own recording and when the first wasmtime-java class is instrumented. Registering
   * earlier would initialize JFR in every application, recording or not, which costs about 100 ms
   * of start-up (measured); so a recording started later with {@code jcmd} may lack these events.
   */
  static void registerIfRecording(IntSupplier instrumentedClasses) {
    if (FlightRecorder.isInitialized() && REGISTERED.compareAndSet(false, true)) {
      AgentStatusEvent.register(instrumentedClasses);
      FlightRecorder.addPeriodicEvent(CallHistogramEvent.class, PeriodicEvents::emitHistograms);
      FlightRecorder.addPeriodicEvent(
          CallHistogramFlushEvent.class, PeriodicEvents::emitHistograms);
      if (EventType.getEventType(CallHistogramEvent.class).isEnabled()) {
        CallHistograms.activate();
      }
    }
  }

  private static void emitHistograms() {
    try {
      CallHistograms.emit();
    } catch (RuntimeException | LinkageError e) {
      AgentFailures.record(e);
    }
  }
}
