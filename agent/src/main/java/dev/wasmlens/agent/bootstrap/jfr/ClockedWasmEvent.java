package dev.wasmlens.agent.bootstrap.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Timespan;

/**
 * A phase that runs on its caller's thread and can say where that thread's time went: on a CPU, or
 * waiting for one. Wall time minus both is time the thread was blocked (a lock, a futex in native
 * code, a page fault, a sleep) or stopped; or, when it was never {@linkplain #switches switched
 * out}, time its virtual CPU did not run it (hypervisor steal) or spent on interrupts.
 */
public abstract class ClockedWasmEvent extends WasmEvent {
  /** What an unknown {@link #cpuTime} or {@link #runQueueWait} holds: JFR shows it as N/A. */
  public static final long UNKNOWN = Long.MIN_VALUE;

  /** What an unknown {@link #switches} holds: a count has no N/A. */
  public static final long UNKNOWN_COUNT = -1;

  @Label("CPU Time")
  @Description(
      "CPU time of the thread during the phase; N/A when the phase did not read the CPU clock"
          + " (wasmlens.cpu-time)")
  @Timespan
  public long cpuTime;

  @Label("Run Queue Wait")
  @Description(
      "Time the thread was runnable but waiting for a CPU during the phase (Linux schedstat);"
          + " N/A when not read (wasmlens.cpu-time=all reads it) or not available")
  @Timespan
  public long runQueueWait;

  @Label("Switches")
  @Description(
      "Times the thread was switched out and back onto a CPU during the phase (Linux schedstat);"
          + " 0 means it never left its CPU, so wall time its CPU clock misses was stolen by the"
          + " hypervisor or spent on interrupts; -1 when not read (wasmlens.cpu-time=all reads it)")
  public long switches;

  @Label("Voluntary Switches")
  @Description(
      "Times the thread left its CPU to wait (a lock, a futex, a page fault, a sleep) during the"
          + " phase (Linux voluntary_ctxt_switches); 0 means it never blocked, so wall time neither"
          + " on a CPU nor waiting for one was stolen by the hypervisor or spent on interrupts; -1"
          + " when not read (wasmlens.cpu-time=all reads it)")
  public long voluntarySwitches;
}
