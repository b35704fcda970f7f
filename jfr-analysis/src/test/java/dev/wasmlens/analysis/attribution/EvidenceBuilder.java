package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.Evidence;
import dev.wasmlens.analysis.read.Interval;
import dev.wasmlens.analysis.read.MachineActivity;
import dev.wasmlens.analysis.read.ThreadActivity;
import dev.wasmlens.analysis.read.WasmOperation;
import java.util.List;
import java.util.Map;

/** The evidence of a made-up recording: only what a test sets, everything else empty. */
final class EvidenceBuilder {
  private List<Interval> pauses = List.of();
  private List<Interval> lockWaits = List.of();
  private List<Interval> compilations = List.of();
  private List<Interval> deoptimizations = List.of();
  private List<Interval> cpuLoad = List.of();
  private List<WasmOperation> lockHolders = List.of();
  private List<ThreadActivity> threadActivity = List.of();
  private List<MachineActivity> machineActivity = List.of();
  private Map<Long, String> javaThreads = Map.of();
  private boolean everyJavaThreadKnown;

  EvidenceBuilder pauses(List<Interval> pauses) {
    this.pauses = pauses;
    return this;
  }

  EvidenceBuilder lockWaits(List<Interval> lockWaits) {
    this.lockWaits = lockWaits;
    return this;
  }

  EvidenceBuilder compilations(List<Interval> compilations) {
    this.compilations = compilations;
    return this;
  }

  EvidenceBuilder deoptimizations(List<Interval> deoptimizations) {
    this.deoptimizations = deoptimizations;
    return this;
  }

  EvidenceBuilder cpuLoad(List<Interval> cpuLoad) {
    this.cpuLoad = cpuLoad;
    return this;
  }

  EvidenceBuilder lockHolders(List<WasmOperation> lockHolders) {
    this.lockHolders = lockHolders;
    return this;
  }

  /** The thread sampler's readings, and the Java threads known by their OS thread ids. */
  EvidenceBuilder samples(
      List<ThreadActivity> threads,
      List<MachineActivity> machine,
      Map<Long, String> javaThreads,
      boolean everyJavaThreadKnown) {
    this.threadActivity = threads;
    this.machineActivity = machine;
    this.javaThreads = javaThreads;
    this.everyJavaThreadKnown = everyJavaThreadKnown;
    return this;
  }

  Evidence build() {
    return new Evidence(
        pauses,
        lockWaits,
        compilations,
        deoptimizations,
        cpuLoad,
        lockHolders,
        threadActivity,
        machineActivity,
        javaThreads,
        everyJavaThreadKnown);
  }
}
