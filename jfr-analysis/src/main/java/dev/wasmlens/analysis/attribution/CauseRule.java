package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.WasmOperation;

/** One cause: takes from the budget the time its evidence supports, and says why. */
interface CauseRule {
  /** The share for {@code operation}, or null when the evidence supports none. */
  Share attribute(WasmOperation operation, Context context, Budget budget);
}
