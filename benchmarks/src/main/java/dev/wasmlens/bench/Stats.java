package dev.wasmlens.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The median and spread (smallest to largest) of one configuration's rounds. */
record Stats(double median, double min, double max) {
  static Stats of(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    double median =
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new Stats(median, sorted.get(0), sorted.get(n - 1));
  }
}
