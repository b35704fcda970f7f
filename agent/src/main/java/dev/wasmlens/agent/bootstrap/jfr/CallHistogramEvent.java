package dev.wasmlens.agent.bootstrap.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * The outermost calls of one export made on one thread over one interval, counted whether or not
 * each also became a {@code wasmlens.Call} event. Written when the interval ends (every period, and
 * as each chunk ends, by the hook of {@link CallHistogramFlushEvent}), by JFR's periodic thread:
 * the calls' thread is a field, not the event's.
 */
@Name("wasmlens.CallHistogram")
@Label("Wasm Call Histogram")
@Description(
    "Every outermost call of one export on one thread over one interval: count, total time,"
        + " failures and the latency histogram")
@Category("WebAssembly")
@StackTrace(false)
@Period("1 s")
public final class CallHistogramEvent extends LatencyHistogramEvent {
  @Label("Module")
  public String module;

  @Label("Export")
  public String export;
}
