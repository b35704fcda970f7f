package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.Interval;
import dev.wasmlens.analysis.read.WasmOperation;
import java.util.List;

/**
 * Java monitor enters and waits, and parks, on the operation's own thread while it ran: strong
 * evidence.
 */
final class ContentionRule implements CauseRule {
  @Override
  public Share attribute(WasmOperation operation, Context context, Budget budget) {
    List<Interval> waits = context.lockWaitsDuring(operation);
    if (waits.isEmpty()) {
      return null;
    }
    long taken =
        budget.takeBlocked(
            Context.unionOverlap(waits, operation.startNanos(), operation.endNanos()));
    return taken == 0
        ? null
        : new Share(
            Cause.CONTENTION,
            taken,
            Strength.STRONG,
            waits.size() + " lock wait(s) on its thread (" + waits.get(0).what() + ")");
  }
}
