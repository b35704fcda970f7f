package dev.wasmlens.bench;

import dev.wasmlens.demo.load.LoadGenerator;
import dev.wasmlens.demo.load.LoadOptions;
import dev.wasmlens.demo.load.LoadReport;
import dev.wasmlens.demo.tradeoff.ServiceProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The demo service (prewarmed pool) at a fixed offered rate, with and without the agent:
 * throughput, latency percentiles as the load generator saw them, and the service's CPU time while
 * measured.
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = "The demo service under a fixed offered rate, with and without the agent.")
final class LoadCostCommand implements Callable<Integer> {
  private static final List<Configuration> MEASURED =
      List.of(
          Configuration.BARE,
          Configuration.JFR,
          Configuration.SPANS_OTLP,
          Configuration.JFR_CPU_TIME_ALL_NO_SAMPLER,
          Configuration.JFR_CPU_TIME_ALL);
  private static final Duration WARM_UP = Duration.ofSeconds(5);

  @Mixin CommonOptions options;

  @Option(
      names = "--rate",
      description = "Offered requests per second (default: ${DEFAULT-VALUE}).")
  double rate = 300;

  @Option(
      names = "--seconds",
      description = "Measured seconds per run (default: ${DEFAULT-VALUE}).")
  int seconds = 15;

  /** Requests that failed or were not answered 200, over every run. */
  private long errors;

  @Override
  public Integer call() throws Exception {
    Measurements measures = new Measurements();
    try (OtlpSink sink = new OtlpSink()) {
      Configuration.Tools tools = options.tools(sink.endpoint());
      Child.interleaved(
          options.rounds,
          options.selected(MEASURED),
          configuration -> {
            run(configuration, tools)
                .forEach((measure, value) -> measures.add(measure, configuration, value));
          });
    }
    System.out.printf(
        "prewarmed-pool, /checksum?n=64, open loop at %.0f req/s, 8 senders, 5 s warm-up, %d s"
            + " measured%n",
        rate, seconds);
    System.out.printf("failed requests, all runs together: %d%n", errors);
    measures.print(measure -> measure, "");
    return 0;
  }

  private Map<String, Double> run(Configuration configuration, Configuration.Tools tools)
      throws Exception {
    try (ServiceProcess service =
        ServiceProcess.start(
            configuration.jvmOptions(tools, options.work),
            "prewarmed-pool",
            options.work.resolve("service.log"),
            List.of())) {
      LoadGenerator load =
          new LoadGenerator(
              new LoadOptions(
                  service.uri("/checksum?n=64"),
                  true,
                  rate,
                  8,
                  WARM_UP,
                  Duration.ofSeconds(seconds),
                  Long.MAX_VALUE));
      // The service's CPU time and allocation over the measured period only: start-up and warm-up
      // left out.
      long[] atStart = new long[2];
      Thread mark =
          new Thread(
              () -> {
                try {
                  Thread.sleep(WARM_UP.toMillis());
                  atStart[0] = service.cpuTime().toNanos();
                  atStart[1] = allocatedBytes(service);
                } catch (IOException | InterruptedException e) {
                  atStart[1] = -1;
                }
              });
      mark.start();
      LoadReport report = load.run(line -> {});
      long cpu = service.cpuTime().toNanos() - atStart[0];
      long allocated = allocatedBytes(service) - atStart[1];
      mark.join();
      Map<String, Double> measures = new LinkedHashMap<>();
      measures.put("throughput, req/s", report.throughputPerSecond());
      measures.put("p50, ms", report.p50Nanos() / 1e6);
      measures.put("p99, ms", report.p99Nanos() / 1e6);
      measures.put("p99.9, ms", report.p999Nanos() / 1e6);
      measures.put("service CPU, % of one core", 100.0 * cpu / (report.seconds() * 1e9));
      measures.put("service allocation, KiB per request", allocated / 1024.0 / report.requests());
      errors += report.errors();
      return measures;
    }
  }

  /** What the service's live threads have allocated so far, from its {@code /stats}. */
  private static long allocatedBytes(ServiceProcess service)
      throws IOException, InterruptedException {
    return service.getJson("/stats").get("allocatedBytes").asLong();
  }
}
