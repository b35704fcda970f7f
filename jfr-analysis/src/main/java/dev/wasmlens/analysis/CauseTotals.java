package dev.wasmlens.analysis;

import dev.wasmlens.analysis.attribution.Attributed;
import dev.wasmlens.analysis.attribution.Cause;
import dev.wasmlens.analysis.attribution.Share;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Per cause, how much of a tail's time it took and of how many of its members it is the main. */
final class CauseTotals {
  private CauseTotals() {}

  /** Every cause, those absent from {@code tail} with zeros. */
  static Map<Cause, Analysis.CauseTotal> of(List<? extends Attributed> tail) {
    Map<Cause, Long> nanos = new EnumMap<>(Cause.class);
    Map<Cause, Long> main = new EnumMap<>(Cause.class);
    long total = 0;
    for (Attributed operation : tail) {
      for (Share share : operation.shares()) {
        nanos.merge(share.cause(), share.nanos(), Long::sum);
        total += share.nanos();
      }
      main.merge(operation.mainCause(), 1L, Long::sum);
    }
    Map<Cause, Analysis.CauseTotal> totals = new EnumMap<>(Cause.class);
    for (Cause cause : Cause.values()) {
      long time = nanos.getOrDefault(cause, 0L);
      long count = main.getOrDefault(cause, 0L);
      totals.put(
          cause,
          new Analysis.CauseTotal(
              time,
              total == 0 ? 0 : (double) time / total,
              count,
              tail.isEmpty() ? 0 : (double) count / tail.size()));
    }
    return totals;
  }
}
