package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.attribution.CpuActivity.Competing;
import dev.wasmlens.analysis.attribution.CpuActivity.Competition;
import dev.wasmlens.analysis.attribution.CpuActivity.Competitor;
import dev.wasmlens.analysis.read.WasmOperation;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The measured run-queue wait of an operation, split by who had the CPUs meanwhile (the thread
 * sampler's CPU time of every other thread and process, prorated to the operation): the part of
 * each cause is the wait times that cause's share of the competing CPU time. Shared by the rules
 * that name a cause for waiting time, so that their parts add up to the wait.
 */
final class RunQueueShares {
  /**
   * The share of the competing CPU time from which one kind of competitor counts as the culprit.
   */
  static final double DOMINANT_SHARE = 0.5;

  /**
   * The share of the competing CPU time below which GC or compiler threads are not named apart:
   * their part stays with starvation rather than becoming a cause of a few microseconds.
   */
  static final double MIN_NAMED_SHARE = 0.1;

  /** Busiest competing threads named in the evidence. */
  static final int NAMED_THREADS = 3;

  /** How the evidence of every share of a measured wait begins; see {@link #isWait}. */
  private static final String WAIT_EVIDENCE = "waited ";

  private RunQueueShares() {}

  /** Whether {@code share} is a part of a measured wait for a CPU, made here. */
  static boolean isWait(Share share) {
    return share.evidence().startsWith(WAIT_EVIDENCE);
  }

  /**
   * The part of {@code operation}'s wait for a CPU that {@code cause}'s competitors account for,
   * taken from {@code budget}; null when the wait was not measured or they had no CPU time then.
   */
  static Share of(Cause cause, WasmOperation operation, Context context, Budget budget) {
    if (!budget.splitsOffCpu() || budget.waiting() == 0) {
      return null;
    }
    Competition competition = context.competitionDuring(operation);
    long competing = competition.total();
    long causeNanos = nanosOf(cause, competition);
    if (competing == 0 || causeNanos == 0) {
      return null;
    }
    long wait = measuredWait(operation);
    double share = (double) causeNanos / competing;
    if (share < MIN_NAMED_SHARE) {
      return null;
    }
    long taken = budget.takeWaiting(Math.round(wait * share));
    if (taken == 0) {
      return null;
    }
    Competitor taker = busiest(cause, competition);
    return Share.takenBy(
        taker,
        busiestThread(taker, competition),
        cause,
        taken,
        share >= DOMINANT_SHARE ? Strength.STRONG : Strength.MEDIUM,
        WAIT_EVIDENCE
            + wait / 1000
            + " us for a CPU (measured); meanwhile "
            + describe(cause, competition));
  }

  /** What is left of the wait, all of it starvation, with who had the CPUs if that is known. */
  static Share rest(WasmOperation operation, Context context, Budget budget) {
    if (!budget.splitsOffCpu()) {
      return null;
    }
    long taken = budget.takeWaiting(budget.waiting());
    if (taken == 0) {
      return null;
    }
    Competition competition = context.competitionDuring(operation);
    long causeNanos = nanosOf(Cause.CPU_STARVATION, competition);
    String evidence = WAIT_EVIDENCE + measuredWait(operation) / 1000 + " us for a CPU (measured); ";
    if (competition.total() == 0) {
      return new Share(
          Cause.CPU_STARVATION,
          taken,
          Strength.MEDIUM,
          evidence
              + (context.cpuActivity().isEmpty()
                  ? "no thread samples in the recording to say who had the CPUs"
                  : "the thread samples show no competitor"));
    }
    Competitor taker = busiest(Cause.CPU_STARVATION, competition);
    return Share.takenBy(
        taker,
        busiestThread(taker, competition),
        Cause.CPU_STARVATION,
        taken,
        (double) causeNanos / competition.total() >= DOMINANT_SHARE
            ? Strength.STRONG
            : Strength.MEDIUM,
        evidence + "meanwhile " + describe(Cause.CPU_STARVATION, competition));
  }

  private static long measuredWait(WasmOperation operation) {
    long offCpu = operation.durationNanos() - Math.max(0, operation.cpuNanos());
    return Math.max(0, Math.min(operation.runQueueNanos(), offCpu));
  }

  private static long nanosOf(Cause cause, Competition competition) {
    return competition.nanos().entrySet().stream()
        .filter(e -> e.getKey().cause() == cause)
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** The kind of competitor counting to {@code cause} that ran longest; null when none ran. */
  private static Competitor busiest(Cause cause, Competition competition) {
    return competition.nanos().entrySet().stream()
        .filter(e -> e.getKey().cause() == cause && e.getValue() > 0)
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(null);
  }

  /** The name of the thread of kind {@code taker} that ran longest; null when none is named. */
  private static String busiestThread(Competitor taker, Competition competition) {
    return competition.threads().stream()
        .filter(t -> t.kind() == taker)
        .findFirst()
        .map(Competing::name)
        .orElse(null);
  }

  /** For example {@code "GC and VM threads ran 2100 us (G1 Conc#0 1500 us, ...) of 2600 us"}. */
  private static String describe(Cause cause, Competition competition) {
    String kinds =
        competition.nanos().entrySet().stream()
            .filter(e -> e.getKey().cause() == cause)
            .sorted(Map.Entry.<Competitor, Long>comparingByValue().reversed())
            .map(e -> e.getKey().label() + " ran " + e.getValue() / 1000 + " us")
            .collect(Collectors.joining(", "));
    String threads =
        competition.threads().stream()
            .filter(t -> t.kind().cause() == cause)
            .limit(NAMED_THREADS)
            .map(t -> t.name() + " " + t.nanos() / 1000 + " us")
            .collect(Collectors.joining(", "));
    return kinds
        + " of "
        + competition.total() / 1000
        + " us on the other CPUs"
        + (threads.isEmpty() ? "" : " (busiest threads: " + threads + ")");
  }
}
