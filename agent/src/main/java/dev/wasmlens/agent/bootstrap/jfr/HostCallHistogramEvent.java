package dev.wasmlens.agent.bootstrap.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The host calls of one import made on one thread over one interval, counted whether or not each
 * also became a {@code wasmlens.HostCall} event. Written with the {@code wasmlens.CallHistogram}
 * events, by their periodic hook and at their period: it has no period of its own.
 */
@Name("wasmlens.HostCallHistogram")
@Label("Wasm Host Call Histogram")
@Description(
    "Every call of one host function on one thread over one interval: count, total time, failures"
        + " and the latency histogram")
@Category("WebAssembly")
@StackTrace(false)
public final class HostCallHistogramEvent extends LatencyHistogramEvent {
  @Label("Import")
  @Description(
      "module.name of the import, or #index when the function was never linked under a name")
  public String importName;
}
