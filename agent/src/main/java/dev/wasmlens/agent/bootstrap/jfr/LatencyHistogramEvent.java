package dev.wasmlens.agent.bootstrap.jfr;

import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Timespan;

/**
 * What the histogram events of calls and of host calls share: one thread's operations of one kind
 * over one interval, counted whether or not each also became an event of its own. Written when the
 * interval ends by JFR's periodic thread: the operations' thread is a field, not the event's.
 */
public abstract class LatencyHistogramEvent extends Event {
  @Label("Java Thread Id")
  @Description("Thread.getId() of the thread that made the calls")
  public long javaThreadId;

  @Label("Thread Name")
  @Description("The calling thread's name when it first made such a call")
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
