package dev.wasmlens.analysis.read;

import java.util.List;
import java.util.Map;

/**
 * What one recording holds that can explain a slow wasm operation, as {@link RecordingScan} read
 * it, limited to the analyzed time window. Attribution indexes it once ({@code
 * attribution.Context}) and the report's timeline picks from it; neither filters the recording
 * again. Times are epoch nanoseconds.
 *
 * @param pauses pauses of the whole JVM (safepoints and GC pauses), by start time; they may overlap
 * @param lockWaits monitor enters, monitor waits and parks, each on its thread
 * @param compilations JIT compilations, on the compiler threads
 * @param deoptimizations deoptimizations, each on the thread that hit it
 * @param cpuLoad machine CPU load samples with a baseline: instants, the load (0 to 1) as {@code
 *     what}
 * @param lockHolders operations that hold a native lock others may wait for, whether in the tail or
 *     not ({@link RecordingScan#MIN_LOCK_HOLD_NANOS}, docs/native-locks.md)
 * @param threadActivity every thread's CPU and run-queue time per sampling interval; empty without
 *     the agent's thread sampler
 * @param machineActivity the machine's busy and stolen CPU time per sampling interval; empty
 *     without the sampler
 * @param javaThreads Java threads by OS thread id, with their Java names: those that ran wasm, and
 *     those JFR's per-thread events name
 * @param everyJavaThreadKnown whether {@code javaThreads} lists every Java thread (JFR's per-thread
 *     events were recorded), so that a thread the sampler saw that is not among them is a native
 *     one
 */
public record Evidence(
    List<Interval> pauses,
    List<Interval> lockWaits,
    List<Interval> compilations,
    List<Interval> deoptimizations,
    List<Interval> cpuLoad,
    List<WasmOperation> lockHolders,
    List<ThreadActivity> threadActivity,
    List<MachineActivity> machineActivity,
    Map<Long, String> javaThreads,
    boolean everyJavaThreadKnown) {}
