package dev.wasmlens.analysis.attribution;

import java.util.List;

/**
 * An event a rule reads, as the recording must hold it for the rule to see all it should: enabled,
 * and with a threshold no longer than {@link #maxThresholdNanos} (as JDK Mission Control's rules
 * declare theirs).
 *
 * @param event the JFR event name
 * @param maxThresholdNanos the longest threshold under which the rule still sees what matters;
 *     {@link #ANY_THRESHOLD} for an event without one (periodic, or instant)
 * @param withoutIt what the analysis lacks when the event is off or its threshold longer, in words
 */
public record RequiredEvent(String event, long maxThresholdNanos, String withoutIt) {
  /** For an event whose threshold does not matter. */
  public static final long ANY_THRESHOLD = Long.MAX_VALUE;

  /** The wasm phases: the tail is defined relative to all of them, so none may be left out. */
  static final List<RequiredEvent> WASM_PHASES =
      List.of(
          new RequiredEvent("wasmlens.Compile", 0, "short compiles are missing"),
          new RequiredEvent("wasmlens.Instantiate", 0, "short instantiations are missing"),
          new RequiredEvent("wasmlens.Call", 0, "short calls are missing"));

  /** The thread sampler's events: who had the CPUs, and the machine's steal. */
  static final List<RequiredEvent> THREAD_SAMPLES =
      List.of(
          new RequiredEvent(
              "wasmlens.ThreadSample", 0, "who had the CPUs during a wait is not named"),
          new RequiredEvent(
              "wasmlens.MachineSample", 0, "other processes and hypervisor steal are not named"));
}
