package dev.wasmlens.bench.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The analyzer's verdict on one recording: its tail operations with their main cause and shares,
 * read from {@code wasmlens-analyze --format json}, run as a child process on this JVM's JDK.
 */
final class AnalyzerReport {
  /** The longest one analysis may take. */
  static final long TIMEOUT_SECONDS = 300;

  /**
   * What the analyzer said about one tail operation.
   *
   * @param mainTakenBy for a main cause of time the thread could not run: who had the CPUs (the
   *     {@code takenBy} of the main cause's largest share, for example {@code OTHER_PROCESSES});
   *     null otherwise
   * @param mainTakenByThread with {@code mainTakenBy}: that share's busiest thread ({@code
   *     takenByThread}), or null
   * @param nanosByCause its time split by cause (the shares add up to its duration)
   */
  record Verdict(
      long start,
      long end,
      String mainCause,
      String mainTakenBy,
      String mainTakenByThread,
      Map<String, Long> nanosByCause) {
    /**
     * The main cause as the scorer compares it with the truth: {@code CAUSE}, {@code CAUSE/TAKER}
     * when the analyzer said who had the CPUs, {@code CAUSE/TAKER@THREAD} when it also named the
     * busiest thread.
     */
    String named() {
      if (mainTakenBy == null) {
        return mainCause;
      }
      return mainCause
          + "/"
          + mainTakenBy
          + (mainTakenByThread == null ? "" : "@" + mainTakenByThread);
    }
  }

  private final Map<String, Verdict> byOperation;

  private AnalyzerReport(Map<String, Verdict> byOperation) {
    this.byOperation = byOperation;
  }

  /**
   * Analyzes {@code recording}.
   *
   * @param thresholdMillis the tail's absolute threshold ({@code --threshold-ms}), or null for the
   *     analyzer's default (p99 of each phase)
   * @param log where the analyzer's standard error goes
   */
  static AnalyzerReport analyze(Path analyzerJar, Path recording, Double thresholdMillis, Path log)
      throws IOException, InterruptedException {
    Path json = Files.createTempFile("wasmlens-score-", ".json");
    try {
      List<String> command = new ArrayList<>();
      command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(List.of("-jar", analyzerJar.toString(), "--format", "json", "-o"));
      command.add(json.toString());
      if (thresholdMillis != null) {
        command.add("--threshold-ms");
        command.add(String.format(Locale.ROOT, "%.3f", thresholdMillis));
      }
      command.add(recording.toString());
      Process analyzer =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      if (!analyzer.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        analyzer.destroyForcibly();
        throw new IOException("the analyzer took over " + TIMEOUT_SECONDS + " s on " + recording);
      }
      if (analyzer.exitValue() != 0) {
        throw new IOException(
            "the analyzer exited with "
                + analyzer.exitValue()
                + " on "
                + recording
                + "; see "
                + log);
      }
      return parse(new ObjectMapper().readTree(json.toFile()));
    } finally {
      Files.deleteIfExists(json);
    }
  }

  static AnalyzerReport parse(JsonNode report) {
    Map<String, Verdict> verdicts = new HashMap<>();
    for (JsonNode service : report.path("services")) {
      for (JsonNode entry : service.path("tail")) {
        JsonNode operation = entry.get("operation");
        String mainCause = entry.get("mainCause").asText();
        Map<String, Long> nanos = new LinkedHashMap<>();
        String mainTakenBy = null;
        String mainTakenByThread = null;
        long largestMainShare = -1;
        for (JsonNode share : entry.path("shares")) {
          String cause = share.get("cause").asText();
          long shareNanos = share.get("nanos").asLong();
          nanos.merge(cause, shareNanos, Long::sum);
          if (cause.equals(mainCause) && shareNanos > largestMainShare) {
            largestMainShare = shareNanos;
            JsonNode takenBy = share.path("takenBy");
            mainTakenBy = takenBy.isTextual() ? takenBy.asText() : null;
            JsonNode thread = share.path("takenByThread");
            mainTakenByThread = thread.isTextual() ? thread.asText() : null;
          }
        }
        verdicts.put(
            id(operation.get("threadId").asLong(), operation.get("startNanos").asLong()),
            new Verdict(
                operation.get("startNanos").asLong(),
                operation.get("endNanos").asLong(),
                mainCause,
                mainTakenBy,
                mainTakenByThread,
                nanos));
      }
    }
    return new AnalyzerReport(verdicts);
  }

  /** The analyzer's verdict on {@code operation}, or null when it is not in the tail. */
  Verdict verdict(Operation operation) {
    return byOperation.get(id(operation.threadId(), operation.start()));
  }

  /** Every tail operation's verdict. */
  java.util.Collection<Verdict> tail() {
    return byOperation.values();
  }

  private static String id(long threadId, long startNanos) {
    return threadId + "@" + startNanos;
  }
}
