package dev.wasmlens.analysis.read;

import org.HdrHistogram.Histogram;

/**
 * One interval of the agent's call histograms ({@code wasmlens.CallHistogram}): every outermost
 * call of one export on one thread, whether or not it was also recorded as a call event.
 *
 * @param module the module, as the call events name it; null when unknown
 * @param export the export, as the call events name it; null when unknown
 * @param endNanos the interval's end, epoch nanoseconds
 * @param calls the calls' durations, nanoseconds
 */
public record CountedCalls(String module, String export, long endNanos, Histogram calls) {}
