package dev.wasmlens.agent.bootstrap.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

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
public final class CallHistogramEvent extends Event {
  @Label("Module")
  public String module;

  @Label("Export")
  public String export;

  @Label("Java Thread Id")
  @Description("Thread.getId() of the thread that made the calls")
  public long javaThreadId;

  @Label("Thread Name")
  @Description("The calling thread's name when it first called this export")
  public String threadName;

  @Label("Interval")
  @Description(
      "How long the interval lasted, ending at this event's time; 0 when its start is not known"
          + " (the first interval of a recording started from outside)")
  @Timespan
  public long interval;

  @Label("Calls")
  public long count;

  @Label("Failed Calls")
  @Description("Calls that threw: trap, interrupt, exit or error")
  public long failed;

  @Label("Total Time")
  @Timespan
  public long totalTime;

  @Label("Shortest")
  @Description("The shortest call, as the histogram holds it (within its precision)")
  @Timespan
  public long minimum;

  @Label("Longest")
  @Description("The longest call, as the histogram holds it (within its precision)")
  @Timespan
  public long maximum;

  @Label("Histogram")
  @Description(
      "The calls' durations in nanoseconds: an HdrHistogram (2 significant digits) in its"
          + " compressed encoding, Base64")
  public String histogram;
}
