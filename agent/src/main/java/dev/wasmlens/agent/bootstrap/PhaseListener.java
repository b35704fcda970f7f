package dev.wasmlens.agent.bootstrap;

import dev.wasmlens.agent.bootstrap.jfr.CallEvent;
import dev.wasmlens.agent.bootstrap.jfr.CompileEvent;
import dev.wasmlens.agent.bootstrap.jfr.HostCallEvent;
import dev.wasmlens.agent.bootstrap.jfr.InstantiateEvent;
import dev.wasmlens.agent.bootstrap.jfr.StoreCreateEvent;
import dev.wasmlens.agent.bootstrap.jfr.TeardownEvent;

/**
 * A second sink for finished phases besides JFR: the agent registers one that makes OpenTelemetry
 * spans and metrics. Each method runs on the thread that did the work, after the phase ended and
 * before its JFR event is committed; the event's fields are filled whether or not a recording runs.
 * Each may set the event's {@code traceId}, {@code parentSpanId} and {@code spanId}.
 * Implementations must be thread-safe and must not keep the events.
 *
 * <p>{@code startNanos} and {@code endNanos} are {@link System#nanoTime()} readings.
 */
public interface PhaseListener {
  void compiled(CompileEvent event, long startNanos, long endNanos);

  /** A store was created; it makes no span, but belongs to the application's current trace. */
  void storeCreated(StoreCreateEvent event);

  void instantiated(InstantiateEvent event, long startNanos, long endNanos);

  /**
   * An outermost call ended that the listener wants whole: it failed, lasted at least {@link
   * #callMinNanos()}, or contained a host call handed to {@link #hostCalled}; or the recording
   * wants every call as an event (a diagnosis, or a recording without the call histograms). Every
   * other call goes to {@link #counted}.
   */
  void called(CallEvent event, long startNanos, long endNanos);

  /**
   * A call that ended well within {@link #callMinNanos()}: only what a latency metric needs, no
   * event, so that a call nothing keeps costs no identity lookup, allocation or trace context.
   *
   * @param module the called export's module, null when unknown
   * @param export the export called, null when unknown
   */
  void counted(String module, String export, long nanos);

  /**
   * The shortest successful call {@link #called} is for (the call span threshold); read on every
   * call, so a field.
   */
  long callMinNanos();

  /**
   * A host call ended that failed or lasted at least {@link #hostCallMinNanos()}, or the recording
   * wants every host call as an event; shorter successful ones are not handed over.
   */
  void hostCalled(HostCallEvent event, long startNanos, long endNanos);

  /**
   * The shortest successful host call {@link #hostCalled} is for (the host call span threshold).
   */
  long hostCallMinNanos();

  void tornDown(TeardownEvent event, long startNanos, long endNanos);

  /**
   * {@code delta} objects of {@code kind} (Engine, Module, Store or Instance) were created, or
   * disposed when negative.
   */
  void liveChanged(String kind, int delta);

  /** Where the phase recorders find the listener; none until the agent sets one. */
  final class Registry {
    private static volatile PhaseListener current;

    private Registry() {}

    /** The registered listener, or null. */
    public static PhaseListener current() {
      return current;
    }

    /** Registers {@code listener}, replacing any other. */
    public static void register(PhaseListener listener) {
      current = listener;
    }
  }
}
