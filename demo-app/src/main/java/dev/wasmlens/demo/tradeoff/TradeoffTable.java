package dev.wasmlens.demo.tradeoff;

import static dev.wasmlens.demo.load.Format.nanos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.wasmlens.demo.service.ColdStart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The trade-off table as markdown (for people and docs/demo.md) and JSON (for tools), with a short
 * reading.
 */
public final class TradeoffTable {
  private TradeoffTable() {}

  /** The markdown: the main table, the cold start by part, and the reading. */
  public static String markdown(List<TradeoffRow> rows, String machine, String command) {
    StringBuilder md = new StringBuilder();
    md.append(
        "| strategy | isolation | first request | requests that paid a cold start | throughput | service CPU | p50 | p99 | p99.9 | max | errors | memory (RSS) |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (TradeoffRow row : rows) {
      md.append(
          String.format(
              "| %s | %s | %s | %d | %.0f req/s | %.0f%% | %s | %s | %s | %s | %d | %s |%n",
              row.strategy(),
              row.isolation(),
              nanos(row.firstRequestNanos()),
              row.coldStartsPaid(),
              row.load().throughputPerSecond(),
              row.cpuPercent(),
              nanos(row.load().p50Nanos()),
              nanos(row.load().p99Nanos()),
              nanos(row.load().p999Nanos()),
              nanos(row.load().maxNanos()),
              row.load().errors(),
              mebibytes(row.residentBytes())));
    }
    md.append("\nCold start of each service JVM, by part (")
        .append(ColdStart.KIND)
        .append("):\n\n");
    md.append(
        "| strategy | native library | engine | compile | instantiate | first call | total |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    for (TradeoffRow row : rows) {
      ColdStart cold = row.coldStart();
      md.append(
          String.format(
              "| %s | %s | %s | %s | %s | %s | %s |%n",
              row.strategy(),
              nanos(cold.nativeLoadNanos()),
              nanos(cold.engineNanos()),
              nanos(cold.compileNanos()),
              nanos(cold.instantiateNanos()),
              nanos(cold.firstCallNanos()),
              nanos(cold.totalNanos())));
    }
    md.append("\n").append(reading(rows)).append("\n");
    md.append("\nMachine: ").append(machine).append("  \nCommand: `").append(command).append("`\n");
    return md.toString();
  }

  /** A few sentences on who wins what, computed from the rows. */
  public static String reading(List<TradeoffRow> rows) {
    if (rows.isEmpty()) {
      return "No strategy was measured.";
    }
    TradeoffRow bestTail =
        rows.stream().min(Comparator.comparingLong(r -> r.load().p99Nanos())).get();
    TradeoffRow worstTail =
        rows.stream().max(Comparator.comparingLong(r -> r.load().p99Nanos())).get();
    TradeoffRow leanest =
        rows.stream().min(Comparator.comparingDouble(TradeoffRow::cpuPercent)).get();
    String payers =
        rows.stream()
            .filter(r -> r.coldStartsPaid() > 0)
            .map(TradeoffRow::strategy)
            .collect(Collectors.joining(", "));
    return String.format(
        "Reading: at the same offered load, %s had the lowest p99 (%s) and %s the highest (%s); %s used the least"
            + " service CPU (%.0f%% of a core). Requests paid cold starts with %s; the other strategies hid them in"
            + " start-up or a warm pool, at the price of reused instances (or, for shared, no isolation at all).",
        bestTail.strategy(),
        nanos(bestTail.load().p99Nanos()),
        worstTail.strategy(),
        nanos(worstTail.load().p99Nanos()),
        leanest.strategy(),
        leanest.cpuPercent(),
        payers.isEmpty() ? "none" : payers);
  }

  /** Writes the rows as JSON: every number in its raw unit (nanoseconds, bytes, percent). */
  public static void writeJson(List<TradeoffRow> rows, Path file) throws IOException {
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), rows);
  }

  private static String mebibytes(long bytes) {
    return bytes < 0 ? "n/a" : String.format("%.0f MiB", bytes / (1024.0 * 1024.0));
  }
}
