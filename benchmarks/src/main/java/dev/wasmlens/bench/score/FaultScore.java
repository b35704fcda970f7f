package dev.wasmlens.bench.score;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Scores a folder of fault-suite runs: for each {@code <scenario>-<run>.truth} with its {@code
 * .jfr}, reads the recording's operations, runs the analyzer and scores the run.
 */
final class FaultScore {
  private final Path analyzerJar;

  FaultScore(Path analyzerJar) {
    this.analyzerJar = analyzerJar;
  }

  /**
   * Scores every run in {@code folder}.
   *
   * @param progress receives a line per run
   * @throws IOException when the folder holds no run, or a run's files cannot be read or analyzed
   */
  SuiteScore score(Path folder, Consumer<String> progress)
      throws IOException, InterruptedException {
    List<Path> truths;
    try (Stream<Path> files = Files.list(folder)) {
      truths =
          files
              .filter(f -> f.getFileName().toString().endsWith(".truth"))
              .sorted()
              .collect(Collectors.toList());
    }
    if (truths.isEmpty()) {
      throw new IOException("no .truth files in " + folder + "; run the demo's scenarios first");
    }
    Path log = folder.resolve("analyzer.log");
    Files.deleteIfExists(log);
    SuiteScore suite = new SuiteScore();
    for (Path truthFile : truths) {
      Path recording =
          truthFile.resolveSibling(truthFile.getFileName().toString().replace(".truth", ".jfr"));
      Truth truth = Truth.read(truthFile);
      if (truth.faulty()) {
        RunScore run = scoreFaulty(truth, recording, log);
        suite.add(run);
        progress.accept(
            String.format(
                "%s-%d: %d slowed in the fault (noise %.1f), %d named as the truth expects (%s)",
                truth.scenario(),
                truth.run(),
                run.slowedInFault,
                run.noise,
                run.right,
                truth.expectedCause()));
      } else {
        CleanScore run =
            CleanScore.score(truth, AnalyzerReport.analyze(analyzerJar, recording, null, log));
        suite.add(run);
        progress.accept(
            String.format(
                "%s-%d: tail of %d operations, %.0f%% of its time unexplained",
                truth.scenario(), truth.run(), run.tailOperations, 100 * run.share("UNEXPLAINED")));
      }
    }
    return suite;
  }

  /**
   * Analyzes with an absolute threshold just under the lowest slowed threshold, so that every
   * slowed operation is in the analyzer's tail and gets its verdict.
   */
  private RunScore scoreFaulty(Truth truth, Path recording, Path log)
      throws IOException, InterruptedException {
    List<Operation> operations = Operations.read(recording);
    long lowest =
        RunScore.thresholds(truth, operations).values().stream()
            .mapToLong(Long::longValue)
            .min()
            .orElseThrow(() -> new IOException(recording + ": too few clean operations to score"));
    AnalyzerReport report =
        AnalyzerReport.analyze(analyzerJar, recording, lowest / 1e6 * 0.99, log);
    return RunScore.score(truth, operations, report);
  }
}
