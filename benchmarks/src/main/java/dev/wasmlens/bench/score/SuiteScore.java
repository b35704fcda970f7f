package dev.wasmlens.bench.score;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The suite's table: per fault scenario, over its runs, the sample sizes, recall and precision
 * (pooled over the runs, with the runs' range as spread), and what the fault's slowed operations
 * were named; per clean scenario the tail's time by cause. Written as text, JSON and markdown.
 */
final class SuiteScore {
  private final Map<String, List<RunScore>> faulty = new TreeMap<>();
  private final Map<String, List<CleanScore>> clean = new TreeMap<>();

  void add(RunScore run) {
    faulty.computeIfAbsent(run.truth.scenario(), k -> new ArrayList<>()).add(run);
  }

  void add(CleanScore run) {
    clean.computeIfAbsent(run.truth.scenario(), k -> new ArrayList<>()).add(run);
  }

  /** The markdown table (also what the command prints). */
  String markdown() {
    StringBuilder out = new StringBuilder();
    out.append(
        "| scenario | expected cause | runs | clean ops | fault ops | slowed in fault | noise |"
            + " excess | named right | named wrongly (clean) | recall | precision | the fault's"
            + " slowed ops got |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    faulty.forEach(
        (scenario, runs) -> {
          Truth truth = runs.get(0).truth;
          String expected =
              truth.expectedCause()
                  + (truth.expectedCauseOnFaultThread() == null
                      ? ""
                      : " (own thread: " + truth.expectedCauseOnFaultThread() + ")");
          Map<String, Long> got = new TreeMap<>();
          runs.forEach(r -> r.faultCauses.forEach((c, n) -> got.merge(c, n, Long::sum)));
          out.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                  scenario,
                  expected,
                  runs.size(),
                  perRun(runs, r -> r.cleanOperations),
                  perRun(runs, r -> r.faultOperations),
                  perRun(runs, r -> r.slowedInFault),
                  perRunDecimal(runs, r -> r.noise),
                  perRunDecimal(runs, RunScore::excess),
                  perRun(runs, r -> r.right),
                  perRun(runs, r -> r.wrong),
                  ratio(recall(scenario), runs, RunScore::recall),
                  ratio(precision(scenario), runs, RunScore::precision),
                  got.entrySet().stream()
                      .map(e -> e.getKey() + " " + e.getValue())
                      .collect(Collectors.joining(", "))));
        });
    if (!clean.isEmpty()) {
      TreeSet<String> causes = new TreeSet<>();
      clean.values().forEach(runs -> runs.forEach(r -> causes.addAll(r.nanosByCause.keySet())));
      out.append("\n| clean scenario | runs | tail ops | tail time |");
      causes.forEach(c -> out.append(' ').append(c).append(" |"));
      out.append('\n').append("|---|---|---|---|");
      causes.forEach(c -> out.append("---|"));
      out.append('\n');
      clean.forEach(
          (scenario, runs) -> {
            out.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %d | %s | %s |",
                    scenario,
                    runs.size(),
                    runs.stream()
                        .map(r -> String.valueOf(r.tailOperations))
                        .collect(Collectors.joining(", ")),
                    runs.stream()
                        .map(r -> String.format(Locale.ROOT, "%.1f ms", r.tailNanos / 1e6))
                        .collect(Collectors.joining(", "))));
            for (String cause : causes) {
              out.append(' ')
                  .append(ratio(cleanShare(scenario, cause), runs, r -> r.share(cause)))
                  .append(" |");
            }
            out.append('\n');
          });
    }
    return out.toString();
  }

  /** The fault scenarios scored, by name. */
  Set<String> faultScenarios() {
    return faulty.keySet();
  }

  /** The clean scenarios scored, by name. */
  Set<String> cleanScenarios() {
    return clean.keySet();
  }

  /**
   * Recall pooled over {@code scenario}'s runs: named right (each run's at most its excess) over
   * the excess, at most 1; NaN without excess or runs.
   */
  double recall(String scenario) {
    List<RunScore> runs = faulty.getOrDefault(scenario, List.of());
    double excess = runs.stream().mapToDouble(RunScore::excess).sum();
    // A run's right answers count up to its excess: noise that got the expected cause in one run
    // must not make up for another run's misses.
    double right = runs.stream().mapToDouble(r -> Math.min(r.right, r.excess())).sum();
    return excess < 1 ? Double.NaN : right / excess;
  }

  /** Precision pooled over {@code scenario}'s runs; NaN when nothing was given its cause. */
  double precision(String scenario) {
    List<RunScore> runs = faulty.getOrDefault(scenario, List.of());
    long right = sum(runs, r -> r.right);
    long wrong = sum(runs, r -> r.wrong);
    return right + wrong == 0 ? Double.NaN : (double) right / (right + wrong);
  }

  /** The share of a clean scenario's tail time, pooled over its runs, given {@code cause}. */
  double cleanShare(String scenario, String cause) {
    List<CleanScore> runs = clean.getOrDefault(scenario, List.of());
    long total = sum(runs, r -> r.tailNanos);
    return total == 0
        ? Double.NaN
        : (double) sum(runs, r -> r.nanosByCause.getOrDefault(cause, 0L)) / total;
  }

  void writeJson(Path file) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    faulty.forEach(
        (scenario, runs) -> {
          for (RunScore run : runs) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scenario", scenario);
            row.put("run", run.truth.run());
            row.put("expectedCause", run.truth.expectedCause());
            row.put("expectedCauseOnFaultThread", run.truth.expectedCauseOnFaultThread());
            row.put("cleanOperations", run.cleanOperations);
            row.put("faultOperations", run.faultOperations);
            row.put("unscoredOperations", run.unscored);
            row.put("slowedClean", run.slowedClean);
            row.put("slowedInFault", run.slowedInFault);
            row.put("noise", run.noise);
            row.put("excess", run.excess());
            row.put("namedRight", run.right);
            row.put("namedWrongly", run.wrong);
            row.put("recall", finite(run.recall()));
            row.put("precision", finite(run.precision()));
            row.put("faultSlowedCauses", run.faultCauses);
            row.put("slowedThresholdNanos", run.thresholds);
            rows.add(row);
          }
        });
    clean.forEach(
        (scenario, runs) -> {
          for (CleanScore run : runs) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scenario", scenario);
            row.put("run", run.truth.run());
            row.put("tailOperations", run.tailOperations);
            row.put("tailNanos", run.tailNanos);
            row.put("tailNanosByCause", run.nanosByCause);
            rows.add(row);
          }
        });
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("slowedFactor", RunScore.SLOWED_FACTOR);
    document.put("cleanPercentile", RunScore.CLEAN_PERCENTILE);
    document.put("minCleanOperations", RunScore.MIN_CLEAN_OPERATIONS);
    document.put("aftermathNanos", RunScore.AFTERMATH_NANOS);
    document.put("runs", rows);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(file.toFile(), document);
  }

  private static Double finite(double value) {
    return Double.isNaN(value) ? null : value;
  }

  private static <T> long sum(List<T> runs, java.util.function.ToLongFunction<T> field) {
    return runs.stream().mapToLong(field).sum();
  }

  private static <T> String perRun(List<T> runs, java.util.function.ToLongFunction<T> field) {
    return runs.stream()
        .map(r -> String.valueOf(field.applyAsLong(r)))
        .collect(Collectors.joining(", "));
  }

  private static <T> String perRunDecimal(List<T> runs, ToDoubleFunction<T> field) {
    return runs.stream()
        .map(r -> String.format(Locale.ROOT, "%.1f", field.applyAsDouble(r)))
        .collect(Collectors.joining(", "));
  }

  /** A pooled ratio as a percentage with the runs' range, e.g. {@code 83% (71-95%)}. */
  private static <T> String ratio(double pooled, List<T> runs, ToDoubleFunction<T> perRun) {
    if (Double.isNaN(pooled)) {
      return "n/a";
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (T run : runs) {
      double value = perRun.applyAsDouble(run);
      if (!Double.isNaN(value)) {
        min = Math.min(min, value);
        max = Math.max(max, value);
      }
    }
    return String.format(Locale.ROOT, "%.0f%% (%.0f-%.0f%%)", 100 * pooled, 100 * min, 100 * max);
  }
}
