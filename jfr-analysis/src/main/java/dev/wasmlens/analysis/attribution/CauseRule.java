package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.WasmOperation;
import java.util.List;

/**
 * One cause: takes from the budget the time its evidence supports, and says why. Declares the cause
 * it names and the events it reads, so that a recording that cannot support it gets a warning.
 */
interface CauseRule {
  /** The cause this rule names. */
  Cause cause();

  /** The events this rule reads beyond the operation's own, with the thresholds it needs. */
  default List<RequiredEvent> requiredEvents() {
    return List.of();
  }

  /** The share for {@code operation}, or null when the evidence supports none. */
  Share attribute(WasmOperation operation, Context context, Budget budget);
}
