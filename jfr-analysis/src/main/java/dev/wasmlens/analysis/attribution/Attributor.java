package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.WasmOperation;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a slow operation's time over the causes. The rules run in a fixed order, each taking what
 * its evidence supports from what is left: pauses, lock waits and native lock waits (time blocked
 * off CPU, the holder of a native lock named with why it held it so long); in diagnosis recordings
 * a compile's blocked wait for its own native compile threads, the measured wait for a CPU, by who
 * had the CPUs (GC threads, compiler threads, everyone else as starvation), and time stolen from a
 * thread that never left its CPU; measured host time; first use; in other recordings competing
 * compilations and remaining off-CPU time as inferred starvation; then measured time on a CPU.
 * Whatever is left is unexplained, never spread over causes.
 */
public final class Attributor {
  private static final List<CauseRule> RULES =
      List.of(
          new PauseRule(),
          new ContentionRule(),
          new NativeLockRule(),
          new CompileWorkersRule(),
          new StarvedCompileWorkersRule(),
          new GcThreadsRule(),
          new CompilerThreadsRule(),
          new RunQueueRule(),
          new StolenTimeRule(),
          new HostFunctionRule(),
          new ColdStartRule(),
          new JitRule(),
          new CpuStarvationRule(),
          new OnCpuRule());

  /**
   * One event one rule reads, for the settings check.
   *
   * @param rule the rule's class name, for example {@code ContentionRule}
   */
  public record Requirement(String rule, Cause cause, RequiredEvent required) {}

  private final Context context;

  /** Every rule's required events, in the rules' order. */
  public static List<Requirement> requirements() {
    List<Requirement> requirements = new ArrayList<>();
    for (CauseRule rule : RULES) {
      for (RequiredEvent required : rule.requiredEvents()) {
        requirements.add(new Requirement(rule.getClass().getSimpleName(), rule.cause(), required));
      }
    }
    return requirements;
  }

  public Attributor(Context context) {
    this.context = context;
    context.bind(this);
  }

  public AttributedOperation attribute(WasmOperation operation) {
    Budget budget = new Budget(operation);
    List<Share> shares = new ArrayList<>();
    context.enter(operation);
    try {
      for (CauseRule rule : RULES) {
        Share share = rule.attribute(operation, context, budget);
        if (share != null) {
          shares.add(share);
        }
      }
    } finally {
      context.leave();
    }
    if (budget.remaining() > 0) {
      shares.add(
          new Share(
              Cause.UNEXPLAINED,
              budget.remaining(),
              Strength.WEAK,
              budget.splitsOffCpu()
                  ? "blocked off CPU (not waiting for one): no pause, lock or native lock event"
                      + " explains it"
                  : "no event explains it"));
    }
    return new AttributedOperation(operation, shares);
  }
}
