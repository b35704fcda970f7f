package dev.wasmlens.demo.scenario;

/**
 * One scenario of the fault suite: a strategy, a load pattern, at most one fault, and the cause the
 * analyzer should name for what the fault slowed. Cause names are the analyzer's JSON names ({@code
 * GC_SAFEPOINT}, {@code CONTENTION}, {@code JIT}, {@code CPU_STARVATION}, {@code HOST_FUNCTIONS},
 * ...); they are part of the ground truth, decided from what the injector does, not from what the
 * analyzer detects. A cause may name who took the CPUs, as the analyzer's {@code takenBy} does
 * ({@code CPU_STARVATION/OTHER_PROCESSES}: only that taker is right), down to the busiest thread,
 * as its {@code takenByThread} does ({@code CPU_STARVATION/APPLICATION_THREADS@fault-class-gen}:
 * the injector's own thread, not another request's); several causes may be right, separated by
 * {@code |}, when the injector slows operations in more than one way.
 *
 * @param fault the fault injector's name, or null for a clean scenario
 * @param expectedCause the main cause of operations the fault slowed on the request threads; null
 *     for a clean scenario
 * @param expectedCauseOnFaultThread the main cause of operations the fault slowed on its own thread
 *     ({@code fault-NAME}), or null when its own operations are not scored
 * @param why how the fault slows operations, which justifies the expected causes
 */
record Scenario(
    String name,
    String strategy,
    LoadPattern load,
    String fault,
    String expectedCause,
    String expectedCauseOnFaultThread,
    String why) {

  /** Whether a fault is injected. */
  boolean faulty() {
    return fault != null;
  }
}
