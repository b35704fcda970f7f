package dev.wasmlens.agent.sampler;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * What one thread of the process did during one sampling interval (the event's start to its end):
 * time on a CPU and time runnable but waiting for one. Every thread is sampled, Java or native (GC
 * workers, JIT compilers, Wasmtime's own compile threads); an interval in which the thread neither
 * ran nor waited has no event.
 */
@Name("wasmlens.ThreadSample")
@Label("Thread Sample")
@Description("CPU and run-queue time of one thread of the process over one sampling interval")
@Category({"WebAssembly", "Threads"})
@StackTrace(false)
final class ThreadSampleEvent extends jdk.jfr.Event {
  @Label("OS Thread Id")
  @Description("The kernel's thread id; JFR's threads carry the same id (osThreadId)")
  long osThreadId;

  @Label("Thread Name")
  @Description("The kernel's name for the thread (comm, at most 15 characters)")
  String threadName;

  @Label("CPU Time")
  @Timespan
  long cpuTime;

  @Label("Run Queue Wait")
  @Description("Time the thread was runnable but had no CPU")
  @Timespan
  long runQueueWait;
}
