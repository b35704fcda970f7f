package dev.wasmlens.bench.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Floors a suite's score must reach, for CI: a least recall and precision per fault scenario
 * (pooled over its runs), and a most share of unexplained tail time in every clean scenario. A
 * floor on a scenario the suite did not score, or whose figure is n/a, is not met either: a floor
 * that checks nothing would pass forever.
 */
final class ScoreFloors {
  /** The analyzer's name for time no evidence explains. */
  static final String UNEXPLAINED = "UNEXPLAINED";

  private final Map<String, Double> minRecall;
  private final Map<String, Double> minPrecision;
  private final double maxCleanUnexplained;

  /**
   * @param minRecall per scenario, from 0 to 1
   * @param minPrecision per scenario, from 0 to 1
   * @param maxCleanUnexplained from 0 to 1; above 1 for no limit
   */
  ScoreFloors(
      Map<String, Double> minRecall, Map<String, Double> minPrecision, double maxCleanUnexplained) {
    this.minRecall = minRecall;
    this.minPrecision = minPrecision;
    this.maxCleanUnexplained = maxCleanUnexplained;
  }

  /** One line per floor {@code suite} misses; empty when it meets them all. */
  List<String> unmet(SuiteScore suite) {
    List<String> unmet = new ArrayList<>();
    minRecall.forEach(
        (scenario, floor) -> check(unmet, scenario, "recall", suite.recall(scenario), floor));
    minPrecision.forEach(
        (scenario, floor) -> check(unmet, scenario, "precision", suite.precision(scenario), floor));
    if (maxCleanUnexplained <= 1) {
      for (String scenario : suite.cleanScenarios()) {
        double unexplained = suite.cleanShare(scenario, UNEXPLAINED);
        if (unexplained > maxCleanUnexplained) {
          unmet.add(
              String.format(
                  Locale.ROOT,
                  "%s: %.0f%% of the tail's time unexplained, above the most of %.0f%%",
                  scenario,
                  100 * unexplained,
                  100 * maxCleanUnexplained));
        }
      }
    }
    return unmet;
  }

  private static void check(
      List<String> unmet, String scenario, String measure, double value, double floor) {
    if (Double.isNaN(value)) {
      unmet.add(scenario + ": no " + measure + " (not scored, or nothing to count)");
    } else if (value < floor) {
      unmet.add(
          String.format(
              Locale.ROOT,
              "%s: %s %.0f%%, below the floor of %.0f%%",
              scenario,
              measure,
              100 * value,
              100 * floor));
    }
  }
}
