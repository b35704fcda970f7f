package dev.wasmlens.analysis.read;

import jdk.jfr.consumer.RecordedEvent;

/**
 * Which {@code jdk.CPULoad} samples measured something. HotSpot computes each sample from the CPU
 * ticks since its previous reading ({@code os_perf_linux.cpp}, {@code get_cpu_load}); the first
 * reading of a JVM is taken when the CPU interface is created, lazily, a moment before the first
 * sample, so that sample covers a tick or none: measured, it read 0 for the JVM's user and system
 * load and the machine's total alike on one machine, and 100% for the machine on another. That
 * happens once per JVM, not per chunk (a three-chunk recording held one such sample, first), and a
 * real reading is never zero in all three (the sampling JVM itself runs). A recording cannot tell
 * whether its first sample is its JVM's, so the first of each file is left out, as is any sample
 * that read zero throughout: at most one period's sample lost in a recording started later.
 */
public final class CpuLoadSample {
  private CpuLoadSample() {}

  /**
   * Whether {@code cpuLoad} (a {@code jdk.CPULoad} event) can be trusted to have been measured over
   * a sampling period.
   *
   * @param firstInFile whether it is the first {@code jdk.CPULoad} sample of its file
   */
  public static boolean hasBaseline(RecordedEvent cpuLoad, boolean firstInFile) {
    return !firstInFile
        && (cpuLoad.getFloat("jvmUser") != 0
            || cpuLoad.getFloat("jvmSystem") != 0
            || cpuLoad.getFloat("machineTotal") != 0);
  }
}
