package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.WasmOperation;

/** Time the guest spent in Java host functions, as the agent measured it: strong evidence. */
final class HostFunctionRule implements CauseRule {
  @Override
  public Cause cause() {
    return Cause.HOST_FUNCTIONS;
  }

  @Override
  public Share attribute(WasmOperation operation, Context context, Budget budget) {
    long taken = budget.take(operation.hostNanos());
    return taken == 0
        ? null
        : new Share(Cause.HOST_FUNCTIONS, taken, Strength.STRONG, "hostTime measured by the agent");
  }
}
