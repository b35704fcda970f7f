package dev.wasmlens.agent.bootstrap.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.StackTrace;

/**
 * What every WasmLens event has: the outcome of the phase, when it failed what was thrown, and
 * where it sits in the distributed trace, so that the operations of one request can be grouped.
 *
 * <p>Events carry no stack trace: one costs about ten times the event itself, and the phase fields
 * say where.
 */
@Category("WebAssembly")
@StackTrace(false)
public abstract class WasmEvent extends Event {
  @Label("Outcome")
  @Description("ok, trap, interrupt (epoch deadline), exit (WASI proc_exit) or error")
  public String outcome;

  @Label("Failure")
  @Description("Class and message of what the phase threw; absent when it completed normally")
  public String failure;

  @Label("Trace Id")
  @Description(
      "OpenTelemetry trace the phase belongs to (the application's current trace, or the phase's own"
          + " span's), when the agent's telemetry is on")
  public String traceId;

  @Label("Parent Span Id")
  @Description("The application's span the phase ran under, when there was one")
  public String parentSpanId;

  @Label("Span Id")
  @Description("The phase's own span, when one was made and sampled")
  public String spanId;

  /**
   * {@link System#nanoTime()} at the start, for the {@code PhaseListener}; transient, so JFR leaves
   * it out.
   */
  public transient long startNanos;
}
