package dev.wasmlens.bench.score;

import java.util.Map;
import java.util.TreeMap;

/**
 * A clean run's tail as the analyzer named it: its own tail (p99 of each phase), restricted to the
 * measured window (after the warm-up), split by cause over the tail's time. With no fault injected,
 * any cause named is a claim about the machine's noise; unexplained is what it could not claim.
 */
final class CleanScore {
  final Truth truth;
  long tailOperations;
  long tailNanos;

  /** Tail time by cause, nanoseconds (the shares, not only main causes). */
  final Map<String, Long> nanosByCause = new TreeMap<>();

  private CleanScore(Truth truth) {
    this.truth = truth;
  }

  static CleanScore score(Truth truth, AnalyzerReport report) {
    CleanScore score = new CleanScore(truth);
    Interval measured = new Interval(truth.warmUp().end(), truth.end());
    for (AnalyzerReport.Verdict verdict : report.tail()) {
      if (!measured.contains(verdict.start(), verdict.end())) {
        continue;
      }
      score.tailOperations++;
      score.tailNanos += verdict.end() - verdict.start();
      verdict
          .nanosByCause()
          .forEach((cause, nanos) -> score.nanosByCause.merge(cause, nanos, Long::sum));
    }
    return score;
  }

  /** The share of the tail's time given to {@code cause}, 0 to 1; NaN for an empty tail. */
  double share(String cause) {
    return tailNanos == 0 ? Double.NaN : (double) nanosByCause.getOrDefault(cause, 0L) / tailNanos;
  }
}
