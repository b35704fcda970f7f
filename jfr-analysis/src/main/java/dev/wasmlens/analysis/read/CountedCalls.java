package dev.wasmlens.analysis.read;

import org.HdrHistogram.Histogram;

/**
 * One interval of the agent's call histograms ({@code wasmlens.CallHistogram}: every outermost call
 * of one export on one thread) or host call histograms ({@code wasmlens.HostCallHistogram}: every
 * call of one host function on one thread), whether or not each was also recorded as an event.
 *
 * @param phase {@link WasmOperation.Phase#CALL} or {@link WasmOperation.Phase#HOST_CALL}
 * @param module the module, as the events name it; null when unknown, and for host calls
 * @param name the export or the import, as the events name it; null when unknown
 * @param endNanos the interval's end, epoch nanoseconds
 * @param calls the calls' durations, nanoseconds
 */
public record CountedCalls(
    WasmOperation.Phase phase, String module, String name, long endNanos, Histogram calls) {}
