package dev.wasmlens.agent.bootstrap.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.StackTrace;

/**
 * What every WasmLens event has: the outcome of the phase and, when it failed, what was thrown.
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

  /**
   * {@link System#nanoTime()} at the start, for the {@code PhaseListener}; transient, so JFR leaves
   * it out.
   */
  public transient long startNanos;
}
