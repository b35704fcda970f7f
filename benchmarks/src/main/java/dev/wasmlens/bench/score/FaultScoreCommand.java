package dev.wasmlens.bench.score;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fault-score FOLDER}: scores the analyzer on a folder the demo's {@code scenarios} command
 * filled; prints the table and writes {@code score.md} and {@code score.json} next to the runs.
 * With floors ({@code --min-recall}, {@code --min-precision}, {@code --max-clean-unexplained}) it
 * exits 1, one line per floor missed, when the score falls short: CI's check.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "fault-score",
    description =
        "Score the analyzer's causes against the fault suite's ground truth (docs/fault-suite.md).")
public final class FaultScoreCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "The folder with <scenario>-<run>.jfr and .truth files.")
  Path folder;

  @Option(names = "--analyzer", description = "The analyzer jar (default: ${DEFAULT-VALUE}).")
  Path analyzer = Paths.get("jfr-analysis/target/wasmlens-analyze.jar");

  @Option(
      names = "--min-recall",
      split = ",",
      paramLabel = "SCENARIO=PERCENT",
      description = "Exit 1 unless the scenario's pooled recall reaches this (for CI).")
  Map<String, Double> minRecall = new LinkedHashMap<>();

  @Option(
      names = "--min-precision",
      split = ",",
      paramLabel = "SCENARIO=PERCENT",
      description = "Exit 1 unless the scenario's pooled precision reaches this.")
  Map<String, Double> minPrecision = new LinkedHashMap<>();

  @Option(
      names = "--max-clean-unexplained",
      paramLabel = "PERCENT",
      description = "Exit 1 if a clean scenario leaves more of its tail's time unexplained.")
  double maxCleanUnexplained = 101;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("no folder " + folder);
    }
    if (!Files.isRegularFile(analyzer)) {
      throw new IllegalArgumentException(
          "no analyzer jar at "
              + analyzer
              + "; build it (mvn -DskipTests package) or pass --analyzer");
    }
    SuiteScore suite =
        new FaultScore(analyzer)
            .score(
                folder,
                line -> {
                  System.err.println(line);
                  System.err.flush();
                });
    String table = suite.markdown();
    System.out.print(table);
    Files.writeString(folder.resolve("score.md"), table);
    suite.writeJson(folder.resolve("score.json"));
    List<String> unmet =
        new ScoreFloors(fractions(minRecall), fractions(minPrecision), maxCleanUnexplained / 100)
            .unmet(suite);
    unmet.forEach(line -> System.err.println("floor not met: " + line));
    return unmet.isEmpty() ? 0 : 1;
  }

  private static Map<String, Double> fractions(Map<String, Double> percents) {
    Map<String, Double> fractions = new LinkedHashMap<>();
    percents.forEach((scenario, percent) -> fractions.put(scenario, percent / 100));
    return fractions;
  }
}
