package dev.wasmlens.analysis.read;

/**
 * What the machine's CPUs did over one sampling interval, from the agent's thread sampler ({@code
 * wasmlens.MachineSample}): counted in 10 ms clock ticks, so coarse over one interval. Times are
 * epoch nanoseconds.
 *
 * @param busyNanos CPU time spent running anything, summed over the CPUs
 * @param stealNanos time the hypervisor ran something else on the virtual CPUs
 * @param processCpuNanos CPU time of the recorded process's threads, as the sampler saw them
 */
public record MachineActivity(
    long startNanos,
    long endNanos,
    int cpus,
    long busyNanos,
    long stealNanos,
    long processCpuNanos) {

  /** The share of {@code nanos} that falls inside {@code [start, end]}, the interval prorated. */
  public long prorated(long nanos, long start, long end) {
    return Interval.prorated(nanos, startNanos, endNanos, start, end);
  }
}
