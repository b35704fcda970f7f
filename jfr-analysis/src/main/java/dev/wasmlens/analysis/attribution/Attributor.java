package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.WasmOperation;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a slow operation's time over the causes. The rules run in a fixed order, each taking what
 * its evidence supports from what is left: measured host time, pauses and lock waits (both off
 * CPU), first use, competing compilations, then remaining off-CPU time. Whatever is left is
 * unexplained, never spread over causes.
 */
public final class Attributor {
  private static final List<CauseRule> RULES =
      List.of(
          new PauseRule(),
          new ContentionRule(),
          new EngineLockRule(),
          new HostFunctionRule(),
          new ColdStartRule(),
          new JitRule(),
          new CpuStarvationRule());

  private final Context context;

  public Attributor(Context context) {
    this.context = context;
  }

  public AttributedOperation attribute(WasmOperation operation) {
    Budget budget = new Budget(operation);
    List<Share> shares = new ArrayList<>();
    for (CauseRule rule : RULES) {
      Share share = rule.attribute(operation, context, budget);
      if (share != null) {
        shares.add(share);
      }
    }
    if (budget.remaining() > 0) {
      shares.add(
          new Share(Cause.UNEXPLAINED, budget.remaining(), Strength.WEAK, "no event explains it"));
    }
    return new AttributedOperation(operation, shares);
  }
}
