package dev.wasmlens.bench.score;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fault-score FOLDER}: scores the analyzer on a folder the demo's {@code scenarios} command
 * filled; prints the table and writes {@code score.md} and {@code score.json} next to the runs.
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
    return 0;
  }
}
