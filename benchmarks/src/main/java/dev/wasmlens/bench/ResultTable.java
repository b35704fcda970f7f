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
              "| %s | %s | %s-%s | %s | %.3f |%n",
              configuration.label(),
              round(stats.median()),
              round(stats.min()),
              round(stats.max()),
              (stats.median() >= bare.median() ? "+" : "-")
                  + round(Math.abs(stats.median() - bare.median())),
              stats.median() / bare.median());
        });
  }

  private static String round(double value) {
    return value >= 100
        ? String.format("%.0f", value)
        : value >= 1 ? String.format("%.1f", value) : String.format("%.2f", value);
  }
}
