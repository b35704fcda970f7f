package dev.wasmlens.demo.tradeoff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wasmlens.demo.load.LoadGenerator;
import dev.wasmlens.demo.load.LoadOptions;
import dev.wasmlens.demo.load.LoadReport;
import dev.wasmlens.demo.service.ColdStart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs every strategy, one after the other, each in a fresh service JVM at the same offered load:
 * start, first request, warm-up, measured window (CPU time read around it), statistics, memory,
 * stop.
 */
public final class TradeoffRun {
  /**
   * Next to each recording, {@code <strategy>.window} holds the analyzer's {@code --from/--to} for
   * the measured window, so that the report leaves out the start-up and the warm-up.
   */
  public static final String WINDOW_SUFFIX = ".window";

  private final List<String> strategies;
  private final double ratePerSecond;
  private final int connections;
  private final Duration warmUp;
  private final Duration duration;
  private final Path agentJar;
  private final Path outputDir;
  private final List<String> serveOptions;

  /**
   * @param agentJar the agent to attach to each service, or null to run without it
   * @param outputDir where service logs and recordings go
   * @param serveOptions extra options for {@code serve} (pool sizes, workers)
   */
  public TradeoffRun(
      List<String> strategies,
      double ratePerSecond,
      int connections,
      Duration warmUp,
      Duration duration,
      Path agentJar,
      Path outputDir,
      List<String> serveOptions) {
    this.strategies = List.copyOf(strategies);
    this.ratePerSecond = ratePerSecond;
    this.connections = connections;
    this.warmUp = warmUp;
    this.duration = duration;
    this.agentJar = agentJar;
    this.outputDir = outputDir;
    this.serveOptions = List.copyOf(serveOptions);
  }

  /**
   * Measures every strategy; {@code progress} gets a line per step and about one per second of
   * load.
   */
  public List<TradeoffRow> run(Consumer<String> progress) throws IOException, InterruptedException {
    Files.createDirectories(outputDir);
    List<TradeoffRow> rows = new ArrayList<>();
    for (int i = 0; i < strategies.size(); i++) {
      String strategy = strategies.get(i);
      progress.accept(
          String.format("[%d/%d] %s: starting the service", i + 1, strategies.size(), strategy));
      rows.add(measure(strategy, progress));
    }
    return rows;
  }

  private TradeoffRow measure(String strategy, Consumer<String> progress)
      throws IOException, InterruptedException {
    Path recording = agentJar == null ? null : outputDir.resolve(strategy + ".jfr");
    try (ServiceProcess service =
        ServiceProcess.start(
            strategy, agentJar, recording, outputDir.resolve(strategy + ".log"), serveOptions)) {
      long firstRequest = service.get("/checksum?n=64").nanos();
      LoadOptions options =
          new LoadOptions(
              service.uri("/checksum?n=64"),
              true,
              ratePerSecond,
              connections,
              warmUp,
              duration,
              Long.MAX_VALUE);
      LoadGenerator load = new LoadGenerator(options);
      CpuWindow cpu = new CpuWindow(service, warmUp);
      LoadReport report = load.run(line -> progress.accept("    " + strategy + ": " + line));
      if (recording != null) {
        // The analyzer's options for this recording's measured window (README's demo command).
        Files.writeString(
            outputDir.resolve(strategy + WINDOW_SUFFIX),
            "--from " + report.measuredFrom() + " --to " + report.measuredTo() + "\n");
      }
      double cpuPercent = cpu.percentSince(report.seconds());
      JsonNode stats = service.getJson("/stats");
      JsonNode cold = service.getJson("/coldstart");
      long resident = service.residentBytes();
      return new TradeoffRow(
          strategy,
          stats.get("isolation").asText(),
          new ColdStart(
              cold.get("nativeLoadNanos").asLong(),
              cold.get("engineNanos").asLong(),
              cold.get("compileNanos").asLong(),
              cold.get("instantiateNanos").asLong(),
              cold.get("firstCallNanos").asLong()),
          firstRequest,
          stats.get("coldStarts").asLong(),
          report,
          cpuPercent,
          resident,
          recording == null ? null : recording.toString());
    }
  }

  /** The service's CPU time over the measured window, which starts when the warm-up ends. */
  private static final class CpuWindow {
    private final ServiceProcess service;
    private volatile Duration atStart;

    CpuWindow(ServiceProcess service, Duration warmUp) {
      this.service = service;
      Thread marker =
          new Thread(
              () -> {
                try {
                  Thread.sleep(warmUp.toMillis());
                } catch (InterruptedException e) {
                  return;
                }
                atStart = service.cpuTime();
              },
              "cpu-window");
      marker.setDaemon(true);
      marker.start();
    }

    double percentSince(double seconds) {
      Duration start = atStart == null ? Duration.ZERO : atStart;
      return seconds <= 0 ? 0 : 100.0 * service.cpuTime().minus(start).toNanos() / (seconds * 1e9);
    }
  }
}
