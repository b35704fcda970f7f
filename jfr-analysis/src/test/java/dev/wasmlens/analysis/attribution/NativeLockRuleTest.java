package dev.wasmlens.analysis.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlens.analysis.read.Interval;
import dev.wasmlens.analysis.read.WasmOperation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Waits for wasmtime-java's native locks, inferred from another thread's operation holding the
 * handle (docs/native-locks.md), with the holder named and why it held the lock so long.
 */
class NativeLockRuleTest {
  private static final long US = 1_000;
  private static final long ENGINE = 7;

  @Test
  void aCallWaitsForAnotherThreadsCallOnItsStoreAndTheChainSaysWhyThatCallWasLong() {
    // worker-1's call blocked 8 ms while worker-0's call on the same store sat 9 ms in a host
    // function waiting for a monitor held by cache-refresher.
    WasmOperation waiter = op(WasmOperation.Phase.CALL, 1, "worker-1", 1_000, 10_000, 1, 900);
    WasmOperation holder = op(WasmOperation.Phase.CALL, 2, "worker-0", 0, 9_500, 1, 300);
    Interval monitor =
        new Interval(
            200 * US,
            9_200 * US,
            2,
            "JavaMonitorEnter app.HostRegistry held by cache-refresher",
            "monitor app.HostRegistry",
            "cache-refresher");
    AttributedOperation result = attribute(waiter, List.of(holder), List.of(monitor));
    Share contention = result.shares().get(0);
    assertThat(contention.cause()).isEqualTo(Cause.CONTENTION);
    assertThat(contention.strength()).isEqualTo(Strength.MEDIUM);
    // The holder overlaps 8.5 ms of it, more than its 8.1 ms off CPU.
    assertThat(contention.nanos()).isEqualTo(8_100 * US);
    assertThat(contention.evidence())
        .isEqualTo(
            "native store lock held by worker-0's call of run (m.wasm) (inferred: JFR has no"
                + " event for this lock); that call took 9500 us, mostly contention (9000 us,"
                + " strong: 1 lock wait(s) on its thread (JavaMonitorEnter app.HostRegistry held"
                + " by cache-refresher))");
    // The same chain, structured: the store's holder and why, then the monitor's holder.
    assertThat(contention.chain())
        .containsExactly(
            new BlameLink(
                "worker-0",
                "store lock",
                "call of run (m.wasm)",
                9_500 * US,
                Cause.CONTENTION,
                9_000 * US,
                Strength.STRONG,
                "1 lock wait(s) on its thread (JavaMonitorEnter app.HostRegistry held by"
                    + " cache-refresher)"),
            BlameLink.threadOnly("cache-refresher", "monitor app.HostRegistry"));
    assertThat(result.mainCause()).isEqualTo(Cause.CONTENTION);
  }

  @Test
  void aStoresTeardownWaitsForTheMemoryMapWhileAnotherThreadUnmapsALargeStore() {
    // The injector's teardown of a store with 64 MiB of memory ran 7 ms on a CPU freeing its
    // pages; a request's teardown of its own small store, inside it, was blocked 5.9 ms.
    WasmOperation unmapping = storeTeardown(2, "fault-large-memory", 1_000, 9_000, 9, 7_000);
    WasmOperation waiter = storeTeardown(1, "wasm-request-1", 2_000, 8_000, 1, 100);
    Share contention = attribute(waiter, List.of(unmapping), List.of()).shares().get(0);
    assertThat(contention)
        .extracting(Share::cause, Share::nanos, Share::strength)
        .containsExactly(Cause.CONTENTION, 5_900 * US, Strength.MEDIUM);
    assertThat(contention.evidence())
        .startsWith(
            "memory map lock (the kernel's mmap_lock: one thread at a time maps or unmaps) held"
                + " by fault-large-memory's teardown of Store");
    assertThat(contention.chain().get(0).held()).isEqualTo("memory map lock");
    // A teardown that was long but not on a CPU was not unmapping all that time.
    WasmOperation waiting = storeTeardown(2, "fault-large-memory", 1_000, 9_000, 9, 200);
    assertThat(attribute(waiter, List.of(waiting), List.of()).shares())
        .extracting(Share::cause)
        .doesNotContain(Cause.CONTENTION);
    // A call does not change the memory map: the kernel frees pages without keeping faults out.
    WasmOperation call = op(WasmOperation.Phase.CALL, 1, "wasm-request-1", 2_000, 8_000, 1, 100);
    assertThat(attribute(call, List.of(unmapping), List.of()).shares())
        .extracting(Share::cause)
        .doesNotContain(Cause.CONTENTION);
  }

  @Test
  void aCallOnAnotherStoreDoesNotWaitNorDoesAnInstantiationForACompile() {
    WasmOperation waiter = op(WasmOperation.Phase.CALL, 1, "worker-1", 0, 1_000, 1, 100);
    WasmOperation otherStore = op(WasmOperation.Phase.CALL, 2, "worker-0", 0, 1_000, 2, 100);
    assertThat(attribute(waiter, List.of(otherStore), List.of()).shares())
        .extracting(Share::cause)
        .doesNotContain(Cause.CONTENTION);
    // An instantiation takes its store and module, never the engine a compile holds.
    WasmOperation instantiate =
        op(WasmOperation.Phase.INSTANTIATE, 1, "worker-1", 0, 1_000, 3, 100);
    WasmOperation compile = op(WasmOperation.Phase.COMPILE, 2, "main", 0, 1_000, 0, 1_000);
    assertThat(attribute(instantiate, List.of(compile), List.of()).shares())
        .extracting(Share::cause)
        .doesNotContain(Cause.CONTENTION);
  }

  @Test
  void instantiationsOfOneModuleSerializeOnTheModulesLock() {
    WasmOperation waiter = op(WasmOperation.Phase.INSTANTIATE, 1, "worker-1", 50, 1_000, 3, 100);
    WasmOperation holder = op(WasmOperation.Phase.INSTANTIATE, 2, "worker-0", 0, 900, 4, 800);
    Share contention = attribute(waiter, List.of(holder), List.of()).shares().get(0);
    assertThat(contention.cause()).isEqualTo(Cause.CONTENTION);
    assertThat(contention.evidence())
        .startsWith("native module lock held by worker-0's instantiation of m.wasm");
  }

  @Test
  void twoModulesCompiledFromTheSameBytesAreTwoLocksWhenTheEventsCarryTheirHandles() {
    // Same name, same engine: before moduleId they looked like one module.
    WasmOperation waiter =
        withModuleId(op(WasmOperation.Phase.INSTANTIATE, 1, "worker-1", 50, 1_000, 3, 100), 11);
    WasmOperation otherModule =
        withModuleId(op(WasmOperation.Phase.INSTANTIATE, 2, "worker-0", 0, 900, 4, 800), 12);
    WasmOperation sameModule =
        withModuleId(op(WasmOperation.Phase.INSTANTIATE, 2, "worker-0", 0, 900, 4, 800), 11);
    assertThat(attribute(waiter, List.of(otherModule), List.of()).shares())
        .extracting(Share::cause)
        .doesNotContain(Cause.CONTENTION);
    assertThat(attribute(waiter, List.of(sameModule), List.of()).shares().get(0).evidence())
        .startsWith("native module lock held by worker-0's instantiation of m.wasm");
  }

  @Test
  void ofTwoCallsOnOneStoreTheLaterWaitsForTheEarlierAndNotTheOtherWayRound() {
    // worker-0's call started first and held the store; worker-1's call, started after, waited.
    WasmOperation earlier = op(WasmOperation.Phase.CALL, 2, "worker-0", 0, 900, 1, 100);
    WasmOperation later = op(WasmOperation.Phase.CALL, 1, "worker-1", 100, 1_000, 1, 100);
    List<WasmOperation> both = List.of(earlier, later);
    Share waited = attribute(later, both, List.of()).shares().get(0);
    assertThat(waited.cause()).isEqualTo(Cause.CONTENTION);
    assertThat(waited.evidence()).startsWith("native store lock held by worker-0's call of run");
    assertThat(attribute(earlier, both, List.of()).shares())
        .extracting(Share::cause)
        .doesNotContain(Cause.CONTENTION);
  }

  @Test
  void theChainFollowsHoldersBackInTimeAtMostThreeLinks() {
    // d waited for c, c for b, b for a: three links from d, and a's own reason is not followed.
    WasmOperation a = op(WasmOperation.Phase.CALL, 4, "worker-a", 0, 4_000, 1, 3_900);
    WasmOperation b = op(WasmOperation.Phase.CALL, 3, "worker-b", 100, 5_000, 1, 100);
    WasmOperation c = op(WasmOperation.Phase.CALL, 2, "worker-c", 200, 6_000, 1, 100);
    WasmOperation d = op(WasmOperation.Phase.CALL, 1, "worker-d", 300, 7_000, 1, 100);
    String evidence = attribute(d, List.of(a, b, c, d), List.of()).shares().get(0).evidence();
    assertThat(evidence)
        .startsWith("native store lock held by worker-c's call of run (m.wasm) and 2 more")
        .contains("that call took 5800 us, mostly contention")
        .contains("held by worker-b's call")
        .contains("held by worker-a's call")
        .doesNotContain("that call took 4000 us");
    List<BlameLink> chain = attribute(d, List.of(a, b, c, d), List.of()).shares().get(0).chain();
    assertThat(chain)
        .extracting(BlameLink::thread)
        .containsExactly("worker-c", "worker-b", "worker-a");
    // The last link is named, but why it held the store so long is beyond the depth.
    assertThat(chain.get(2).cause()).isNull();
  }

  private static AttributedOperation attribute(
      WasmOperation operation, List<WasmOperation> holders, List<Interval> lockWaits) {
    return new Attributor(
            new Context(
                new EvidenceBuilder().lockWaits(lockWaits).lockHolders(holders).build(), Map.of()))
        .attribute(operation);
  }

  private static WasmOperation withModuleId(WasmOperation o, long moduleId) {
    return new WasmOperation(
        o.phase(),
        o.startNanos(),
        o.endNanos(),
        o.threadId(),
        o.osThreadId(),
        o.threadName(),
        o.module(),
        o.name(),
        o.engineId(),
        moduleId,
        o.storeId(),
        o.instanceId(),
        o.outcome(),
        o.cpuNanos(),
        o.runQueueNanos(),
        o.switches(),
        o.voluntarySwitches(),
        o.hostNanos(),
        o.firstUse(),
        o.traceId());
  }

  private static WasmOperation storeTeardown(
      long threadId, String thread, long fromUs, long toUs, long storeId, long cpuUs) {
    return new WasmOperation(
        WasmOperation.Phase.TEARDOWN,
        fromUs * US,
        toUs * US,
        threadId,
        0,
        thread,
        null,
        "Store",
        ENGINE,
        0,
        storeId,
        0,
        "ok",
        cpuUs * US,
        -1,
        -1,
        -1,
        0,
        false,
        null);
  }

  private static WasmOperation op(
      WasmOperation.Phase phase,
      long threadId,
      String thread,
      long fromUs,
      long toUs,
      long storeId,
      long cpuUs) {
    String name = phase == WasmOperation.Phase.CALL ? "run" : "m.wasm";
    return new WasmOperation(
        phase,
        fromUs * US,
        toUs * US,
        threadId,
        0,
        thread,
        "m.wasm",
        name,
        ENGINE,
        0,
        storeId,
        0,
        "ok",
        cpuUs * US,
        -1,
        -1,
        -1,
        0,
        false,
        null);
  }
}
