package dev.wasmlens.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child JVM running one of the hidden measuring commands under a {@link Configuration}. */
final class Child {
  private static final long TIMEOUT_MINUTES = 10;

  private Child() {}

  /**
   * Runs {@code command} of the bench jar under {@code configuration}; {@code onLine} sees each
   * line of its standard output as it comes, with {@link System#nanoTime()} at its arrival.
   *
   * @return its standard output lines
   * @throws IOException when it fails, with the end of its output
   */
  static List<String> run(
      Configuration configuration,
      Configuration.Tools tools,
      Path work,
      List<String> jvmOptions,
      List<String> command,
      LineListener onLine)
      throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    line.add(tools.java().toString());
    line.addAll(jvmOptions);
    line.addAll(configuration.jvmOptions(tools, work));
    line.add("-cp");
    line.add(tools.benchJar().toString());
    line.add(BenchMain.class.getName());
    line.addAll(command);
    Process process =
        new ProcessBuilder(line).redirectError(work.resolve("child-stderr.txt").toFile()).start();
    List<String> output = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String text = out.readLine(); text != null; text = out.readLine()) {
        onLine.line(text, System.nanoTime());
        output.add(text);
      }
    }
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IOException(configuration.label() + ": child did not end: " + line);
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          configuration.label()
              + ": child exited with "
              + process.exitValue()
              + "; see "
              + work.resolve("child-stderr.txt"));
    }
    return output;
  }

  /**
   * Runs {@code command} under each of {@code configurations}, {@code options.rounds} rounds
   * interleaved, with an OTLP sink for the configurations that export, and gathers the {@code
   * measure value} lines the children print, each value times {@code scale}.
   */
  static Measurements measureLines(
      CommonOptions options,
      List<Configuration> configurations,
      List<String> jvmOptions,
      List<String> command,
      double scale)
      throws Exception {
    Measurements measurements = new Measurements();
    try (OtlpSink sink = new OtlpSink()) {
      Configuration.Tools tools = options.tools(sink.endpoint());
      interleaved(
          options.rounds,
          configurations,
          configuration ->
              measurements.addLines(
                  configuration,
                  run(
                      configuration,
                      tools,
                      options.work,
                      jvmOptions,
                      command,
                      LineListener.ignore()),
                  scale));
      if (sink.requests() > 0) {
        System.err.printf("the OTLP sink received %d export requests%n", sink.requests());
      }
    }
    return measurements;
  }

  /**
   * Runs {@code body} for every configuration, round after round, the configurations interleaved
   * within each round so that a noisy machine hits them alike.
   */
  static void interleaved(int rounds, List<Configuration> configurations, PerChild body)
      throws Exception {
    for (int round = 1; round <= rounds; round++) {
      for (Configuration configuration : configurations) {
        System.err.printf("round %d of %d: %s%n", round, rounds, configuration.label());
        body.run(configuration);
      }
    }
  }

  /** One child run of a benchmark. */
  @FunctionalInterface
  interface PerChild {
    void run(Configuration configuration) throws Exception;
  }

  /** Sees a line of the child's output. */
  @FunctionalInterface
  interface LineListener {
    void line(String text, long arrivedNanos);

    static LineListener ignore() {
      return (text, arrived) -> {};
    }
  }
}
