package dev.wasmlens.bench.score;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run scored against its ground truth.
 *
 * <p>Counting, per key (phase, module, export): the <em>clean</em> operations are those inside a
 * clean phase and not within {@link #AFTERMATH_NANOS} of the fault's end; an operation is
 * <em>slowed</em> when it took more than {@link #SLOWED_FACTOR} times the key's clean p99; keys
 * with fewer than {@link #MIN_CLEAN_OPERATIONS} clean operations are not scored. The fault's
 * operations overlap an interval the injector logged. Noise is the clean rate of slowed operations
 * of each key times the fault's operations of that key; the <em>excess</em> is the fault's slowed
 * operations beyond it. Of the fault's slowed operations, those whose main cause is the one the
 * truth expects for their thread (the injector's own or another) are named <em>right</em>; slowed
 * clean operations given that cause are named <em>wrongly</em>. Recall is right / excess (at most
 * 1), precision right / (right + wrongly).
 */
final class RunScore {
  static final double SLOWED_FACTOR = 3;
  static final double CLEAN_PERCENTILE = 99;
  static final int MIN_CLEAN_OPERATIONS = 50;
  static final long AFTERMATH_NANOS = 500_000_000L;

  /** The verdict of a slowed operation the analyzer left out of its tail. */
  static final String NOT_IN_TAIL = "NOT_IN_TAIL";

  final Truth truth;
  long cleanOperations;
  long faultOperations;
  long slowedClean;
  long slowedInFault;
  double noise;
  long right;
  long wrong;
  long unscored;

  /** Main causes the analyzer gave the fault's slowed operations. */
  final Map<String, Long> faultCauses = new TreeMap<>();

  /** Each key's slowed threshold, nanoseconds. */
  final Map<String, Long> thresholds = new TreeMap<>();

  private RunScore(Truth truth) {
    this.truth = truth;
  }

  /**
   * The slowed thresholds of {@code operations}' keys (ns): {@link #SLOWED_FACTOR} times the clean
   * p99, for keys with enough clean operations.
   */
  static Map<String, Long> thresholds(Truth truth, List<Operation> operations) {
    Map<String, List<Long>> clean = new HashMap<>();
    for (Operation operation : operations) {
      if (isClean(truth, operation)) {
        clean.computeIfAbsent(operation.key(), k -> new ArrayList<>()).add(operation.duration());
      }
    }
    Map<String, Long> thresholds = new TreeMap<>();
    clean.forEach(
        (key, durations) -> {
          if (durations.size() >= MIN_CLEAN_OPERATIONS) {
            Collections.sort(durations);
            int index = (int) Math.ceil(CLEAN_PERCENTILE / 100 * durations.size()) - 1;
            thresholds.put(key, (long) (SLOWED_FACTOR * durations.get(index)));
          }
        });
    return thresholds;
  }

  /** Scores a fault scenario's run. */
  static RunScore score(Truth truth, List<Operation> operations, AnalyzerReport report) {
    RunScore score = new RunScore(truth);
    score.thresholds.putAll(thresholds(truth, operations));
    Map<String, long[]> cleanByKey = new HashMap<>();
    Map<String, long[]> faultByKey = new HashMap<>();
    for (Operation operation : operations) {
      Long threshold = score.thresholds.get(operation.key());
      boolean clean = isClean(truth, operation);
      boolean inFault = inFault(truth, operation);
      if (!clean && !inFault) {
        continue;
      }
      if (threshold == null) {
        score.unscored++;
        continue;
      }
      String expected = expectedCause(truth, operation);
      if (inFault && expected == null) {
        // The injector's own operations, where the truth does not say what to expect of them.
        continue;
      }
      boolean slowed = operation.duration() > threshold;
      AnalyzerReport.Verdict verdict = slowed ? report.verdict(operation) : null;
      String named = verdict == null ? NOT_IN_TAIL : verdict.named();
      long[] counts =
          (clean ? cleanByKey : faultByKey).computeIfAbsent(operation.key(), k -> new long[2]);
      counts[0]++;
      if (slowed) {
        counts[1]++;
      }
      if (clean) {
        score.cleanOperations++;
        if (slowed) {
          score.slowedClean++;
          if (names(named, truth.expectedCause())
              || names(named, truth.expectedCauseOnFaultThread())) {
            score.wrong++;
          }
        }
      } else {
        score.faultOperations++;
        if (slowed) {
          score.slowedInFault++;
          score.faultCauses.merge(named, 1L, Long::sum);
          if (names(named, expected)) {
            score.right++;
          }
        }
      }
    }
    faultByKey.forEach(
        (key, counts) -> {
          long[] clean = cleanByKey.get(key);
          if (clean != null && clean[0] > 0) {
            score.noise += (double) clean[1] / clean[0] * counts[0];
          }
        });
    return score;
  }

  /** The fault's slowed operations beyond the clean rate. */
  double excess() {
    return Math.max(0, slowedInFault - noise);
  }

  /** Right / excess, at most 1; NaN when there is no excess to find. */
  double recall() {
    return excess() < 1 ? Double.NaN : Math.min(1, right / excess());
  }

  /** Right / (right + wrongly named); NaN when nothing was named with the expected cause. */
  double precision() {
    return right + wrong == 0 ? Double.NaN : (double) right / (right + wrong);
  }

  /**
   * Whether the verdict {@code named} ({@code CAUSE}, {@code CAUSE/TAKER} or {@code
   * CAUSE/TAKER@THREAD}) is one the truth's {@code expected} allows: alternatives separated by
   * {@code |}, each a cause, which any taker matches, a cause with the taker it requires, which any
   * thread of that kind matches, or a cause with the taker and the thread it requires.
   */
  static boolean names(String named, String expected) {
    if (expected == null) {
      return false;
    }
    for (String allowed : expected.split("\\|")) {
      if (named.equals(allowed)
          || (!allowed.contains("/") && named.startsWith(allowed + "/"))
          || (allowed.contains("/") && !allowed.contains("@") && named.startsWith(allowed + "@"))) {
        return true;
      }
    }
    return false;
  }

  private static String expectedCause(Truth truth, Operation operation) {
    return operation.threadName() != null && operation.threadName().equals(truth.faultThread())
        ? truth.expectedCauseOnFaultThread()
        : truth.expectedCause();
  }

  static boolean isClean(Truth truth, Operation operation) {
    boolean inClean = false;
    for (Interval clean : truth.clean()) {
      inClean |= clean.contains(operation.start(), operation.end());
    }
    for (Interval fault : truth.faults()) {
      if (operation.end() > fault.start() && operation.start() < fault.end() + AFTERMATH_NANOS) {
        return false;
      }
    }
    return inClean;
  }

  private static boolean inFault(Truth truth, Operation operation) {
    for (Interval fault : truth.faults()) {
      if (fault.overlaps(operation.start(), operation.end())) {
        return true;
      }
    }
    return false;
  }
}
