package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.Interval;
import dev.wasmlens.analysis.read.WasmOperation;
import java.util.Comparator;
import java.util.List;

/**
 * Java monitor enters and waits, and parks, on the operation's own thread while it ran: strong
 * evidence.
 */
final class ContentionRule implements CauseRule {
  /** Lock waits shorter than this still matter to a millisecond-scale call. */
  static final long MAX_LOCK_THRESHOLD_NANOS = 1_000_000;

  @Override
  public Cause cause() {
    return Cause.CONTENTION;
  }

  @Override
  public List<RequiredEvent> requiredEvents() {
    return List.of(
        new RequiredEvent(
            "jdk.JavaMonitorEnter", MAX_LOCK_THRESHOLD_NANOS, "shorter monitor waits are missing"),
        new RequiredEvent(
            "jdk.JavaMonitorWait", MAX_LOCK_THRESHOLD_NANOS, "shorter monitor waits are missing"),
        new RequiredEvent("jdk.ThreadPark", MAX_LOCK_THRESHOLD_NANOS, "shorter parks are missing"));
  }

  @Override
  public Share attribute(WasmOperation operation, Context context, Budget budget) {
    List<Interval> waits = context.lockWaitsDuring(operation);
    if (waits.isEmpty()) {
      return null;
    }
    long taken =
        budget.takeBlocked(
            Context.unionOverlap(waits, operation.startNanos(), operation.endNanos()));
    if (taken == 0) {
      return null;
    }
    // The chain names who held the monitor of the longest wait, when JFR recorded it.
    Interval longest =
        waits.stream()
            .max(
                Comparator.comparingLong(
                    w -> w.overlap(operation.startNanos(), operation.endNanos())))
            .orElseThrow();
    List<BlameLink> chain =
        longest.holder() == null
            ? List.of()
            : List.of(BlameLink.threadOnly(longest.holder(), longest.lock()));
    return new Share(
        Cause.CONTENTION,
        taken,
        Strength.STRONG,
        waits.size() + " lock wait(s) on its thread (" + waits.get(0).what() + ")",
        chain);
  }
}
