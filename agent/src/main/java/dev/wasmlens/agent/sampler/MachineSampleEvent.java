package dev.wasmlens.agent.sampler;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * What the machine's CPUs did during one sampling interval, from {@code /proc/stat}: busy (user,
 * nice, system, irq, softirq), stolen by the hypervisor, and idle, summed over all CPUs. The kernel
 * counts in clock ticks (10 ms each), so one interval is coarse; sums over longer spans are not.
 */
@Name("wasmlens.MachineSample")
@Label("Machine Sample")
@Description("Busy, stolen and idle CPU time of the whole machine over one sampling interval")
@Category({"WebAssembly", "Threads"})
@StackTrace(false)
final class MachineSampleEvent extends jdk.jfr.Event {
  @Label("CPUs")
  int cpus;

  @Label("Busy")
  @Description("CPU time spent running anything, this process included, summed over all CPUs")
  @Timespan
  long busy;

  @Label("Steal")
  @Description("Time the hypervisor ran something else on this machine's virtual CPUs")
  @Timespan
  long steal;

  @Label("Idle")
  @Description("Idle and I/O-wait time, summed over all CPUs")
  @Timespan
  long idle;

  @Label("Process CPU")
  @Description("CPU time of this process's threads in the same interval, as sampled")
  @Timespan
  long processCpu;
}
