package dev.wasmlens.analysis.read;

import jdk.jfr.consumer.RecordedEvent;

/**
 * Which {@code jdk.CPULoad} samples measured something. HotSpot computes each sample from the CPU
 * ticks since its previous reading ({@code os_perf_linux.cpp}, {@code get_cpu_load}); the first
 * reading of a JVM is taken when the CPU interface is created, lazily, a moment before the first
 * sample, so no tick has passed and HotSpot answers 0 for the JVM's user and system load and the
 * machine's total alike. That happens once per JVM, not per chunk or recording (measured: a
 * three-chunk recording holds one such sample, first; a second recording in the same JVM none), and
 * a real reading is never zero in all three (the sampling JVM itself runs).
 */
public final class CpuLoadSample {
  private CpuLoadSample() {}

  /** Whether {@code cpuLoad} (a {@code jdk.CPULoad} event) was measured over some interval. */
  public static boolean hasBaseline(RecordedEvent cpuLoad) {
    return cpuLoad.getFloat("jvmUser") != 0
        || cpuLoad.getFloat("jvmSystem") != 0
        || cpuLoad.getFloat("machineTotal") != 0;
  }
}
