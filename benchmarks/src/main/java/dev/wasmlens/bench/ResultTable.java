package dev.wasmlens.bench;

import java.util.List;
import java.util.Map;

/**
 * A Markdown table of one measure over configurations: the median over rounds, the spread, what the
 * configuration adds to the run without an agent, and the ratio to it.
 */
final class ResultTable {
  private ResultTable() {}

  /**
   * @param unit the measure's unit, as the header shows it ("ns per call")
   * @param results per configuration, one value per round; must hold {@link Configuration#BARE}
   */
  static void print(String unit, Map<Configuration, List<Double>> results) {
    Stats bare = Stats.of(results.get(Configuration.BARE));
    System.out.printf(
        "| configuration | %s (median) | spread over rounds | added | ratio to no agent |%n", unit);
    System.out.println("|---|---|---|---|---|");
    results.forEach(
        (configuration, values) -> {
          Stats stats = Stats.of(values);
          System.out.printf(
              "%s | %s | %.3f |%n",
              leadingCells(configuration, stats),
              (stats.median() >= bare.median() ? "+" : "-")
                  + round(Math.abs(stats.median() - bare.median())),
              stats.median() / bare.median());
        });
  }

  /**
   * A table of what the agent alone costs beside the measure it is a share of: {@link
   * Configuration#BARE}'s values are the whole (a trivial call without the agent), every other
   * configuration's the part the agent adds.
   *
   * @param unit the unit of the parts ("ns per call, the agent alone")
   * @param wholeUnit the unit of the whole ("ns per trivial call")
   */
  static void printShares(String unit, String wholeUnit, Map<Configuration, List<Double>> results) {
    Stats whole = Stats.of(results.get(Configuration.BARE));
    System.out.printf(
        "No agent: %s %s (median; %s-%s over rounds).%n%n",
        round(whole.median()), wholeUnit, round(whole.min()), round(whole.max()));
    System.out.printf(
        "| configuration | %s (median) | spread over rounds | share of a trivial call |%n", unit);
    System.out.println("|---|---|---|---|");
    results.forEach(
        (configuration, values) -> {
          if (configuration == Configuration.BARE) {
            return;
          }
          Stats stats = Stats.of(values);
          System.out.printf(
              "%s | %.1f%% |%n",
              leadingCells(configuration, stats), 100 * stats.median() / whole.median());
        });
  }

  /** A row's first cells: the configuration, the median and the spread over rounds. */
  private static String leadingCells(Configuration configuration, Stats stats) {
    return String.format(
        "| %s | %s | %s-%s",
        configuration.label(), round(stats.median()), round(stats.min()), round(stats.max()));
  }

  private static String round(double value) {
    return value >= 100
        ? String.format("%.0f", value)
        : value >= 1 ? String.format("%.1f", value) : String.format("%.2f", value);
  }
}
