package dev.wasmlens.agent.bootstrap.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * Never committed: its periodic hook, run as each chunk ends, writes the last interval's {@code
 * wasmlens.CallHistogram} events, which a timed period alone would lose when a recording stops.
 */
@Name("wasmlens.CallHistogramFlush")
@Label("Wasm Call Histogram Flush")
@Description("Triggers the last interval's call histograms as each chunk ends; never written")
@Category("WebAssembly")
@StackTrace(false)
@Period("endChunk")
public final class CallHistogramFlushEvent extends Event {}
