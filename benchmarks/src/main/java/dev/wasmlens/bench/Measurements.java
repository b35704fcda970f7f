package dev.wasmlens.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A benchmark's values: per measure and configuration, one value per round. */
final class Measurements {
  private final Map<String, Map<Configuration, List<Double>>> byMeasure = new LinkedHashMap<>();

  void add(String measure, Configuration configuration, double value) {
    byMeasure
        .computeIfAbsent(measure, m -> new EnumMap<>(Configuration.class))
        .computeIfAbsent(configuration, c -> new ArrayList<>())
        .add(value);
  }

  /** Adds the {@code measure value} lines a child printed, each value times {@code scale}. */
  void addLines(Configuration configuration, List<String> lines, double scale) {
    for (String line : lines) {
      String[] words = line.split(" ");
      add(words[0], configuration, Double.parseDouble(words[1]) * scale);
    }
  }

  /** A table per measure, under the title {@code title} gives it, in {@code unit}. */
  void print(Function<String, String> title, String unit) {
    byMeasure.forEach(
        (measure, results) -> {
          System.out.printf("%n%s%n%n", title.apply(measure));
          ResultTable.print(unit.isEmpty() ? measure : unit, results);
        });
  }
}
