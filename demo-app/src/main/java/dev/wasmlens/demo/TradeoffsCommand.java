package dev.wasmlens.demo;

import dev.wasmlens.demo.strategy.Strategies;
import dev.wasmlens.demo.tradeoff.TradeoffRow;
import dev.wasmlens.demo.tradeoff.TradeoffRun;
import dev.wasmlens.demo.tradeoff.TradeoffTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tradeoffs}: every strategy at the same offered load, as the paper's Table 1. */
@Command(
    mixinStandardHelpOptions = true,
    name = "tradeoffs",
    description =
        "Measure every instance strategy at the same load; print and write the trade-off table.")
final class TradeoffsCommand implements Callable<Integer> {
  @Option(
      names = "--agent",
      description = "The WasmLens agent jar to attach to each service (records JFR).")
  Path agentJar;

  @Option(
      names = "--strategies",
      split = ",",
      description = "Strategies to measure (default: all).")
  List<String> strategies = Strategies.NAMES;

  @Mixin LoadShape shape = new LoadShape();

  @Option(
      names = "--out",
      description = "Folder for the table, logs and recordings (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("target", "tradeoffs");

  @Override
  public Integer call() throws Exception {
    for (String strategy : strategies) {
      if (!Strategies.NAMES.contains(strategy)) {
        throw new IllegalArgumentException(
            "unknown strategy '"
                + strategy
                + "'; choose from "
                + String.join(", ", Strategies.NAMES));
      }
    }
    if (agentJar != null && !Files.isRegularFile(agentJar)) {
      throw new IllegalArgumentException(
          "--agent " + agentJar + " is not a file (build it: mvn -DskipTests package)");
    }
    TradeoffRun run =
        new TradeoffRun(
            strategies,
            shape.rate,
            shape.connections,
            shape.warmUp(),
            shape.duration(),
            agentJar == null ? null : agentJar.toAbsolutePath(),
            out,
            List.of());
    List<TradeoffRow> rows = run.run(System.err::println);
    String machine =
        Runtime.getRuntime().availableProcessors()
            + " cores, "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.arch")
            + ", Java "
            + System.getProperty("java.version");
    String command =
        "wasmlens-demo tradeoffs " + shape + (agentJar == null ? "" : " --agent " + agentJar);
    String markdown = TradeoffTable.markdown(rows, machine, command);
    Files.writeString(out.resolve("tradeoffs.md"), markdown);
    TradeoffTable.writeJson(rows, out.resolve("tradeoffs.json"));
    System.out.println(markdown);
    System.out.println(
        "Written: " + out.resolve("tradeoffs.md") + ", " + out.resolve("tradeoffs.json"));
    if (agentJar != null) {
      System.out.println(
          "Recordings: "
              + out.resolve("<strategy>.jfr")
              + " (jfr print --events 'wasmlens.*' ...), each with its measured window in "
              + out.resolve("<strategy>" + TradeoffRun.WINDOW_SUFFIX)
              + " (wasmlens-analyze $(cat <strategy>.window) <strategy>.jfr)");
    }
    return rows.stream().anyMatch(r -> r.load().errors() > 0) ? 1 : 0;
  }
}
