package dev.wasmlens.analysis.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.wasmlens.analysis.read.Evidence;
import dev.wasmlens.analysis.read.Interval;
import dev.wasmlens.analysis.read.MachineActivity;
import dev.wasmlens.analysis.read.ThreadActivity;
import dev.wasmlens.analysis.read.WasmOperation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Diagnosis recordings: the measured run-queue wait goes to whoever had the CPUs, the rest of the
 * off-CPU time is blocked time for pauses and locks, and what neither covers stays unexplained.
 */
class RunQueueRulesTest {
  private static final long US = 1_000;
  private static final long OWN_TID = 100;
  private static final long LOADGEN_TID = 200;

  /** 1 ms call: 200 us on CPU, 500 us waiting for a CPU, 300 us blocked. */
  private static final WasmOperation CALL = call(200, 500);

  @Test
  void aMeasuredWaitWithoutThreadSamplesIsStarvationOfMediumStrengthAndTheRestIsBlocked() {
    AttributedOperation result = attribute(CALL, List.of(), new EvidenceBuilder().build());
    assertThat(result.shares())
        .extracting(Share::cause, Share::nanos, Share::strength)
        .containsExactly(
            tuple(Cause.CPU_STARVATION, 500 * US, Strength.MEDIUM),
            tuple(Cause.ON_CPU, 200 * US, Strength.STRONG),
            tuple(Cause.UNEXPLAINED, 300 * US, Strength.WEAK));
    assertThat(result.shares().get(0).evidence())
        .isEqualTo(
            "waited 500 us for a CPU (measured); no thread samples in the recording to say who had"
                + " the CPUs");
    assertThat(result.shares().get(2).evidence()).startsWith("blocked off CPU (not waiting");
  }

  @Test
  void anotherApplicationThreadThatHadTheCpusIsNamed() {
    Evidence activity =
        samples(
            List.of(
                sample(LOADGEN_TID, "load-gen", 0, 1_000, 900),
                sample(OWN_TID, "java", 0, 1_000, 200)),
            List.of(),
            Map.of(OWN_TID, "worker-1"));
    AttributedOperation result = attribute(CALL, List.of(), activity);
    Share starvation = result.shares().get(0);
    assertThat(starvation)
        .extracting(Share::cause, Share::nanos, Share::strength)
        .containsExactly(Cause.CPU_STARVATION, 500 * US, Strength.STRONG);
    assertThat(starvation.takenBy()).isEqualTo(CpuActivity.Competitor.APPLICATION_THREADS);
    assertThat(starvation.takenByThread()).isEqualTo("load-gen");
    assertThat(starvation.evidence())
        .isEqualTo(
            "waited 500 us for a CPU (measured); meanwhile other application threads ran 900 us"
                + " of 900 us on the other CPUs (busiest threads: load-gen 900 us)");
  }

  @Test
  void gcAndCompilerThreadsTakeTheirShareOfTheWaitAsGcAndJit() {
    Evidence activity =
        samples(
            List.of(
                sample(1, "G1 Conc#0", 0, 1_000, 600),
                sample(2, "C2 CompilerThre", 0, 1_000, 200),
                sample(LOADGEN_TID, "load-gen", 0, 1_000, 200)),
            List.of(),
            Map.of(OWN_TID, "worker-1"));
    AttributedOperation result = attribute(CALL, List.of(), activity);
    assertThat(result.shares())
        .extracting(Share::cause, Share::nanos, Share::strength)
        .containsExactly(
            tuple(Cause.GC_SAFEPOINT, 300 * US, Strength.STRONG),
            tuple(Cause.JIT, 100 * US, Strength.MEDIUM),
            tuple(Cause.CPU_STARVATION, 100 * US, Strength.MEDIUM),
            tuple(Cause.ON_CPU, 200 * US, Strength.STRONG),
            tuple(Cause.UNEXPLAINED, 300 * US, Strength.WEAK));
    assertThat(result.mainCause()).isEqualTo(Cause.GC_SAFEPOINT);
    // Who had the CPUs, per share of the wait; none for time that was not a wait.
    assertThat(result.shares())
        .extracting(Share::takenBy)
        .containsExactly(
            CpuActivity.Competitor.GC_THREADS,
            CpuActivity.Competitor.JIT_COMPILER_THREADS,
            CpuActivity.Competitor.APPLICATION_THREADS,
            null,
            null);
    // And the busiest thread of that kind, not the busiest of all.
    assertThat(result.shares())
        .extracting(Share::takenByThread)
        .containsExactly("G1 Conc#0", "C2 CompilerThre", "load-gen", null, null);
  }

  @Test
  void gcThreadsWithASmallShareOfTheCompetingCpuAreNotNamedApart() {
    // GC threads had 5% of the competing CPU time: their part of the wait stays starvation.
    Evidence activity =
        samples(
            List.of(
                sample(1, "G1 Conc#0", 0, 1_000, 50),
                sample(LOADGEN_TID, "load-gen", 0, 1_000, 950)),
            List.of(),
            Map.of(OWN_TID, "worker-1"));
    AttributedOperation result = attribute(CALL, List.of(), activity);
    assertThat(result.shares().get(0))
        .extracting(Share::cause, Share::nanos)
        .containsExactly(Cause.CPU_STARVATION, 500 * US);
    assertThat(result.shares()).extracting(Share::cause).doesNotContain(Cause.GC_SAFEPOINT);
  }

  @Test
  void samplesAreProratedToTheOperationAndOtherProcessesAndStealAreCounted() {
    // A 2 ms sample of which the call covers half; the machine was busy 3 ms in the call's
    // millisecond, 0.5 ms of it this process's, and 0.4 ms was stolen.
    CpuActivity activity =
        activity(
            List.of(sample(LOADGEN_TID, "load-gen", -500, 1_500, 1_000)),
            List.of(new MachineActivity(0, 1_000 * US, 4, 3_000 * US, 400 * US, 500 * US)),
            Map.of());
    CpuActivity.Competition competition = activity.competitionFor(OWN_TID, 0, 1_000 * US);
    assertThat(competition.nanos())
        .containsEntry(CpuActivity.Competitor.APPLICATION_THREADS, 500 * US)
        .containsEntry(CpuActivity.Competitor.OTHER_PROCESSES, 2_500 * US)
        .containsEntry(CpuActivity.Competitor.HYPERVISOR_STEAL, 400 * US);
  }

  @Test
  void aGcWorkersSampledCpuIsPlacedInThePausesOfItsSample() {
    // A 20 ms sample in which a GC worker ran 6 ms, all of it during the 6 ms pause at 10-16 ms;
    // the load generator ran 2 ms spread over the sample.
    Evidence evidence =
        new EvidenceBuilder()
            .pauses(List.of(new Interval(10_000 * US, 16_000 * US, -1, "GC pause Pause Young")))
            .samples(
                List.of(
                    sample(1, "GC Thread#0", 0, 20_000, 6_000),
                    sample(LOADGEN_TID, "load-gen", 0, 20_000, 2_000)),
                List.of(),
                Map.of(),
                false)
            .build();
    CpuActivity activity = new CpuActivity(evidence);
    // Inside the pause the worker had the CPU the whole time; spread evenly it would seem 30%.
    assertThat(activity.competitionFor(OWN_TID, 11_000 * US, 15_000 * US).nanos())
        .containsEntry(CpuActivity.Competitor.GC_THREADS, 4_000 * US)
        .containsEntry(CpuActivity.Competitor.APPLICATION_THREADS, 400 * US);
    // Before the pause it did not run at all.
    assertThat(activity.competitionFor(OWN_TID, 0, 10_000 * US).nanos())
        .doesNotContainKey(CpuActivity.Competitor.GC_THREADS);
    // CPU beyond what the pauses hold is spread over the rest: 9 ms in 6 ms of pauses leaves 3 ms
    // for the 14 ms the JVM ran. Concurrent GC threads are spread evenly, pause or not.
    Evidence busier =
        new EvidenceBuilder()
            .pauses(List.of(new Interval(10_000 * US, 16_000 * US, -1, "GC pause Pause Young")))
            .samples(
                List.of(
                    sample(1, "GC Thread#0", 0, 20_000, 9_000),
                    sample(2, "G1 Conc#0", 0, 20_000, 2_000)),
                List.of(),
                Map.of(),
                false)
            .build();
    assertThat(new CpuActivity(busier).competitionFor(OWN_TID, 0, 7_000 * US).nanos())
        .containsEntry(CpuActivity.Competitor.GC_THREADS, 1_500 * US + 700 * US);
  }

  @Test
  void applicationThreadsRunningInAPausesWakeAreCatchingUpOnIt() {
    // A 4 ms pause at 10-14 ms; the wake is the 4 ms after it. An application thread ran 10 ms of
    // a 20 ms sample, spread evenly: 2 ms of it in the wake.
    Evidence evidence =
        new EvidenceBuilder()
            .pauses(List.of(new Interval(10_000 * US, 14_000 * US, -1, "GC pause Pause Young")))
            .samples(
                List.of(sample(LOADGEN_TID, "http-worker-1", 0, 20_000, 10_000)),
                List.of(),
                Map.of(LOADGEN_TID, "http-worker-1"),
                true)
            .build();
    CpuActivity activity = new CpuActivity(evidence);
    // An operation from the pause's end to 20 ms: 2 ms of the thread's time in the wake, 1 ms
    // after.
    assertThat(activity.competitionFor(OWN_TID, 14_000 * US, 20_000 * US).nanos())
        .containsEntry(CpuActivity.Competitor.PAUSE_CATCH_UP, 2_000 * US)
        .containsEntry(CpuActivity.Competitor.APPLICATION_THREADS, 1_000 * US);
    // Before the pause, none of it is a catch-up.
    assertThat(activity.competitionFor(OWN_TID, 0, 10_000 * US).nanos())
        .containsOnlyKeys(CpuActivity.Competitor.APPLICATION_THREADS);
    // The catch-up counts to GC: a call of 14-20 ms that waited 3 ms for a CPU gets GC for the
    // two thirds of the competing time that were a catch-up.
    WasmOperation inTheWake = callAt(14_000, 20_000, 1_000, 3_000);
    AttributedOperation result = attribute(inTheWake, evidence.pauses(), evidence);
    assertThat(result.shares())
        .extracting(Share::cause, Share::nanos, Share::strength)
        .startsWith(
            tuple(Cause.GC_SAFEPOINT, 2_000 * US, Strength.STRONG),
            tuple(Cause.CPU_STARVATION, 1_000 * US, Strength.MEDIUM));
    assertThat(result.shares().get(0).evidence())
        .contains("application threads catching up after a pause ran 2000 us")
        .contains("http-worker-1 2000 us");
  }

  @Test
  void threadsAreKnownByTheirKernelNamesUnlessTheyRanWasm() {
    CpuActivity activity = activity(List.of(), List.of(), Map.of(7L, "main"));
    assertThat(activity.kindOf(7, "java")).isEqualTo(CpuActivity.Competitor.APPLICATION_THREADS);
    assertThat(activity.kindOf(8, "java")).isEqualTo(CpuActivity.Competitor.NATIVE_THREADS);
    assertThat(activity.kindOf(9, "GC Thread#1")).isEqualTo(CpuActivity.Competitor.GC_THREADS);
    assertThat(activity.kindOf(9, "G1 Refine#0")).isEqualTo(CpuActivity.Competitor.GC_THREADS);
    assertThat(activity.kindOf(9, "VM Thread")).isEqualTo(CpuActivity.Competitor.GC_THREADS);
    assertThat(activity.kindOf(9, "C1 CompilerThre"))
        .isEqualTo(CpuActivity.Competitor.JIT_COMPILER_THREADS);
    assertThat(activity.kindOf(9, "JFR Periodic Ta"))
        .isEqualTo(CpuActivity.Competitor.OBSERVER_THREADS);
    assertThat(activity.kindOf(9, "wasmlens-sample"))
        .isEqualTo(CpuActivity.Competitor.OBSERVER_THREADS);
    assertThat(activity.kindOf(9, "http-worker-3"))
        .isEqualTo(CpuActivity.Competitor.APPLICATION_THREADS);
  }

  @Test
  void withEveryJavaThreadKnownAThreadNamedAfterItsCreatorIsNative() {
    // Wasmtime's compile threads started from worker-1 carry its kernel name, not its tid.
    CpuActivity activity =
        new CpuActivity(
            samples(
                List.of(
                    sample(8, "worker-1", 0, 1_000, 700),
                    sample(LOADGEN_TID, "load-gen", 0, 1_000, 100)),
                List.of(),
                Map.of(7L, "worker-1", LOADGEN_TID, "load-gen"),
                true));
    assertThat(activity.kindOf(7, "worker-1"))
        .isEqualTo(CpuActivity.Competitor.APPLICATION_THREADS);
    assertThat(activity.kindOf(8, "worker-1")).isEqualTo(CpuActivity.Competitor.NATIVE_THREADS);
    assertThat(activity.kindOf(9, "C2 CompilerThre"))
        .isEqualTo(CpuActivity.Competitor.JIT_COMPILER_THREADS);
    assertThat(activity.competitionFor(OWN_TID, 0, 1_000 * US).threads())
        .extracting(CpuActivity.Competing::name)
        .containsExactly("worker-1 (native)", "load-gen");
  }

  @Test
  void aPauseTakesOnlyBlockedTimeAndNeverTheMeasuredWait() {
    // The pause covers the whole call, but 500 us of it the thread waited on a run queue.
    AttributedOperation result =
        attribute(
            CALL,
            List.of(new Interval(0, 2_000 * US, -1, "GC pause Pause Young")),
            new EvidenceBuilder().build());
    assertThat(result.shares())
        .extracting(Share::cause, Share::nanos)
        .containsExactly(
            tuple(Cause.GC_SAFEPOINT, 300 * US),
            tuple(Cause.CPU_STARVATION, 500 * US),
            tuple(Cause.ON_CPU, 200 * US));
  }

  @Test
  void withoutAMeasuredWaitTheInferredRulesApplyAsBefore() {
    WasmOperation unmeasured = call(200, -1);
    AttributedOperation result =
        attribute(
            unmeasured,
            List.of(),
            samples(List.of(sample(1, "G1 Conc#0", 0, 1_000, 900)), List.of(), Map.of()));
    assertThat(result.shares())
        .extracting(Share::cause, Share::nanos, Share::strength)
        .containsExactly(
            tuple(Cause.CPU_STARVATION, 800 * US, Strength.WEAK),
            tuple(Cause.ON_CPU, 200 * US, Strength.STRONG));
  }

  private static AttributedOperation attribute(
      WasmOperation operation, List<Interval> pauses, Evidence samples) {
    Evidence evidence =
        new EvidenceBuilder()
            .pauses(pauses)
            .samples(
                samples.threadActivity(),
                samples.machineActivity(),
                samples.javaThreads(),
                samples.everyJavaThreadKnown())
            .build();
    return new Attributor(new Context(evidence, Map.of())).attribute(operation);
  }

  /**
   * The thread sampler's evidence, and nothing else, from a recording without JFR's thread list.
   */
  private static Evidence samples(
      List<ThreadActivity> threads, List<MachineActivity> machine, Map<Long, String> javaThreads) {
    return samples(threads, machine, javaThreads, false);
  }

  private static Evidence samples(
      List<ThreadActivity> threads,
      List<MachineActivity> machine,
      Map<Long, String> javaThreads,
      boolean everyJavaThreadKnown) {
    return new EvidenceBuilder()
        .samples(threads, machine, javaThreads, everyJavaThreadKnown)
        .build();
  }

  private static CpuActivity activity(
      List<ThreadActivity> threads, List<MachineActivity> machine, Map<Long, String> javaThreads) {
    return new CpuActivity(samples(threads, machine, javaThreads));
  }

  private static ThreadActivity sample(long tid, String name, long fromUs, long toUs, long cpuUs) {
    return new ThreadActivity(fromUs * US, toUs * US, tid, name, cpuUs * US, 0);
  }

  @Test
  void offCpuTimeOfAThreadNeverSwitchedOutIsStolenNotBlocked() {
    // 1 ms call on a CPU for 600 us that never left its CPU: 400 us were not the thread's at all.
    WasmOperation stayedOn = call(600, 0, 0);
    assertThat(TimeSplit.of(stayedOn)).isEqualTo(new TimeSplit(600 * US, 0, 400 * US, 0));
    Evidence steal =
        samples(
            List.of(),
            List.of(new MachineActivity(0, 1_000 * US, 2, 1_000 * US, 100 * US, 600 * US)),
            Map.of());
    AttributedOperation result =
        attribute(
            stayedOn,
            // A pause over the call takes none of it: the thread was not blocked.
            List.of(new Interval(0, 1_000 * US, -1, "GC pause Pause Young")),
            steal);
    assertThat(result.shares())
        .extracting(Share::cause, Share::nanos, Share::strength)
        .containsExactly(
            tuple(Cause.CPU_STARVATION, 400 * US, Strength.STRONG),
            tuple(Cause.ON_CPU, 600 * US, Strength.STRONG));
    assertThat(result.shares().get(0).evidence())
        .isEqualTo(
            "never switched out, yet on a CPU for 600 us of its 1000 us: the rest went to the"
                + " hypervisor or to interrupts (measured); the machine counted 100 us of steal"
                + " meanwhile");
    assertThat(result.shares().get(0).takenBy()).isEqualTo(CpuActivity.Competitor.HYPERVISOR_STEAL);
    // Without steal counted by the machine, the hypervisor is not named as the taker.
    Share unsampled = attribute(stayedOn, List.of(), new EvidenceBuilder().build()).shares().get(0);
    assertThat(unsampled.strength()).isEqualTo(Strength.MEDIUM);
    assertThat(unsampled.takenBy()).isNull();
    // Never switched out inside the clocks' window, but blocked once at its edge (the voluntary
    // switches are read outside it): its 900 us off CPU may be blocked, and the pause takes them.
    WasmOperation blockedAtTheEdge = callAt(0, 1_000, 100, 0, 0, 1);
    assertThat(TimeSplit.of(blockedAtTheEdge)).isEqualTo(new TimeSplit(100 * US, 0, 0, 900 * US));
    assertThat(
            attribute(
                    blockedAtTheEdge,
                    List.of(new Interval(0, 1_000 * US, -1, "GC pause Pause Full")),
                    steal)
                .mainCause())
        .isEqualTo(Cause.GC_SAFEPOINT);
  }

  @Test
  void offCpuTimeOfAThreadOnlyPreemptedIsStolenBeyondItsRunQueueWait() {
    // 1 ms call, 300 us on a CPU, 200 us waiting for one, switched out twice but never of its own
    // accord (no voluntary switch): the other 500 us it was neither blocked nor in a queue.
    WasmOperation preempted = callAt(0, 1_000, 300, 200, 2, 0);
    assertThat(TimeSplit.of(preempted)).isEqualTo(new TimeSplit(300 * US, 200 * US, 500 * US, 0));
    AttributedOperation result =
        attribute(
            preempted,
            List.of(),
            samples(
                List.of(),
                List.of(new MachineActivity(0, 1_000 * US, 2, 1_000 * US, 600 * US, 400 * US)),
                Map.of()));
    Share stolen =
        result.shares().stream()
            .filter(s -> s.evidence().startsWith("never blocked"))
            .findFirst()
            .orElseThrow();
    assertThat(stolen.cause()).isEqualTo(Cause.CPU_STARVATION);
    assertThat(stolen.nanos()).isEqualTo(500 * US);
    assertThat(stolen.evidence())
        .startsWith(
            "never blocked (switched out 2 time(s), each a preemption), yet on a CPU for 300 us and"
                + " waiting for one 200 us of its 1000 us");
    assertThat(result.shares()).noneMatch(s -> s.cause() == Cause.UNEXPLAINED);
    // The same call with one voluntary switch may have blocked: its 500 us stay blocked.
    assertThat(TimeSplit.of(callAt(0, 1_000, 300, 200, 2, 1)).blockedNanos()).isEqualTo(500 * US);
  }

  @Test
  void aCompileBlockedWhileWasmtimesNativeThreadsWorkedIsItsOwnWork() {
    // 1 ms compile, 100 us on its own thread's CPU, 900 us asleep while Wasmtime's compile thread
    // (not a Java thread, named after its creator) ran 600 us and waited 200 us for a CPU.
    WasmOperation compile =
        new WasmOperation(
            WasmOperation.Phase.COMPILE,
            0,
            1_000 * US,
            1,
            OWN_TID,
            "worker-1",
            "m.wasm",
            "m.wasm",
            7,
            0,
            0,
            0,
            "ok",
            100 * US,
            0,
            3,
            3,
            0,
            false,
            null);
    Evidence activity =
        samples(
            List.of(new ThreadActivity(0, 1_000 * US, 8, "worker-1", 600 * US, 200 * US)),
            List.of(),
            Map.of(OWN_TID, "worker-1"),
            true);
    assertThat(attribute(compile, List.of(), activity).shares())
        .extracting(Share::cause, Share::nanos, Share::strength)
        .containsExactly(
            tuple(Cause.ON_CPU, 600 * US, Strength.MEDIUM),
            tuple(Cause.CPU_STARVATION, 200 * US, Strength.MEDIUM),
            tuple(Cause.ON_CPU, 100 * US, Strength.STRONG),
            tuple(Cause.UNEXPLAINED, 100 * US, Strength.WEAK));
    // A call is not a compile: the same native activity explains none of its blocked time.
    assertThat(attribute(call(100, 0, 3), List.of(), activity).shares())
        .extracting(Share::cause)
        .containsExactly(Cause.ON_CPU, Cause.UNEXPLAINED);
  }

  @Test
  void aThreadThatWasSwitchedOutHasNoStolenTime() {
    // Switched once: the time off CPU may be blocked time, so none of it is called stolen.
    assertThat(TimeSplit.of(call(200, 500, 1)))
        .isEqualTo(new TimeSplit(200 * US, 500 * US, 0, 300 * US));
    assertThat(TimeSplit.of(call(200, -1, -1))).isEqualTo(new TimeSplit(200 * US, -1, -1, -1));
  }

  private static WasmOperation call(long cpuUs, long runQueueUs) {
    return call(cpuUs, runQueueUs, runQueueUs < 0 ? -1 : 1);
  }

  private static WasmOperation call(long cpuUs, long runQueueUs, long switches) {
    return callAt(0, 1_000, cpuUs, runQueueUs, switches);
  }

  private static WasmOperation callAt(long fromUs, long toUs, long cpuUs, long runQueueUs) {
    return callAt(fromUs, toUs, cpuUs, runQueueUs, 1);
  }

  private static WasmOperation callAt(
      long fromUs, long toUs, long cpuUs, long runQueueUs, long switches) {
    return callAt(fromUs, toUs, cpuUs, runQueueUs, switches, switches);
  }

  private static WasmOperation callAt(
      long fromUs, long toUs, long cpuUs, long runQueueUs, long switches, long voluntary) {
    return new WasmOperation(
        WasmOperation.Phase.CALL,
        fromUs * US,
        toUs * US,
        1,
        OWN_TID,
        "worker-1",
        "m.wasm",
        "run",
        7,
        0,
        0,
        3,
        "ok",
        cpuUs * US,
        runQueueUs < 0 ? -1 : runQueueUs * US,
        switches,
        voluntary,
        0,
        false,
        null);
  }
}
