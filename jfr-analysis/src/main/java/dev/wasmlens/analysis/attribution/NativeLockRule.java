package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.Interval;
import dev.wasmlens.analysis.read.WasmOperation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Native lock waits, inferred from the lock model of wasmtime-java ({@link NativeLocks}): another
 * thread's operation, overlapping this one, held a handle it needs (a compile its engine, a call or
 * an instantiation its store, an instantiation its module, a store's teardown long on a CPU the
 * process's memory map). JFR sees no event for these locks, so the evidence is medium, and only
 * time the thread spent blocked is taken. The holder is named, and why the holder itself took so
 * long follows it: the blame chain, at most {@link Context#MAX_CHAIN_DEPTH} links, cycles cut.
 */
final class NativeLockRule implements CauseRule {
  @Override
  public Cause cause() {
    return Cause.CONTENTION;
  }

  @Override
  public List<RequiredEvent> requiredEvents() {
    return RequiredEvent.WASM_PHASES;
  }

  @Override
  public Share attribute(WasmOperation operation, Context context, Budget budget) {
    List<WasmOperation> holders = context.lockHoldersDuring(operation);
    if (holders.isEmpty()) {
      return null;
    }
    List<Interval> held =
        holders.stream()
            .map(h -> new Interval(h.startNanos(), h.endNanos(), h.threadId(), h.name()))
            .collect(Collectors.toList());
    long taken =
        budget.takeBlocked(
            Context.unionOverlap(held, operation.startNanos(), operation.endNanos()));
    if (taken == 0) {
      return null;
    }
    WasmOperation main =
        holders.stream().max(Comparator.comparingLong(h -> overlap(h, operation))).orElseThrow();
    StringBuilder evidence =
        new StringBuilder(NativeLocks.lockName(NativeLocks.sharedHandle(operation, main)))
            .append(" held by ")
            .append(describe(main))
            .append(holders.size() > 1 ? " and " + (holders.size() - 1) + " more" : "")
            .append(" (inferred: JFR has no event for this lock)");
    AttributedOperation why = context.explainHolder(main);
    Share reason =
        why == null
            ? null
            : why.shares().stream()
                .filter(s -> s.cause() == why.mainCause())
                .findFirst()
                .orElse(null);
    List<BlameLink> chain = new ArrayList<>();
    chain.add(
        new BlameLink(
            main.threadName(),
            NativeLocks.sharedHandle(operation, main) + " lock",
            operation(main),
            main.durationNanos(),
            reason == null ? null : reason.cause(),
            reason == null ? -1 : reason.nanos(),
            reason == null ? null : reason.strength(),
            reason == null ? null : reason.evidence()));
    if (reason != null) {
      chain.addAll(reason.chain());
      evidence
          .append("; that ")
          .append(noun(main.phase()))
          .append(" took ")
          .append(main.durationNanos() / 1000)
          .append(" us, mostly ")
          .append(reason.cause().label())
          .append(" (")
          .append(reason.nanos() / 1000)
          .append(" us, ")
          .append(reason.strength().name().toLowerCase(java.util.Locale.ROOT))
          .append(": ")
          .append(reason.evidence())
          .append(")");
    }
    return new Share(Cause.CONTENTION, taken, Strength.MEDIUM, evidence.toString(), chain);
  }

  /** For example {@code worker-0's call of run (m.wasm)}. */
  private static String describe(WasmOperation holder) {
    return holder.threadName() + "'s " + operation(holder);
  }

  /** For example {@code call of run (m.wasm)}. */
  private static String operation(WasmOperation holder) {
    return noun(holder.phase())
        + " of "
        + holder.name()
        + (holder.phase() == WasmOperation.Phase.CALL ? " (" + holder.module() + ")" : "");
  }

  private static String noun(WasmOperation.Phase phase) {
    return phase == WasmOperation.Phase.INSTANTIATE ? "instantiation" : phase.label();
  }

  private static long overlap(WasmOperation holder, WasmOperation operation) {
    return Math.min(holder.endNanos(), operation.endNanos())
        - Math.max(holder.startNanos(), operation.startNanos());
  }
}
