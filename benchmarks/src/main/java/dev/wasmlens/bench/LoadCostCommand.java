package dev.wasmlens.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wasmlens.demo.load.LoadGenerator;
import dev.wasmlens.demo.load.LoadOptions;
import dev.wasmlens.demo.load.LoadReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
      List.of(Configuration.BARE, Configuration.JFR, Configuration.SPANS_OTLP);
  private static final Duration WARM_UP = Duration.ofSeconds(5);
  private static final Pattern SERVING = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+)/");

  @Mixin CommonOptions options;

  @Option(
      names = "--rate",
      description = "Offered requests per second (default: ${DEFAULT-VALUE}).")
  double rate = 300;

  @Option(
      names = "--seconds",
      description = "Measured seconds per run (default: ${DEFAULT-VALUE}).")
  int seconds = 15;

  /**
   * Made in {@link #call}: picocli instantiates every command of {@link BenchMain}, and an HTTP
   * client and a Jackson mapper made here would slow every benchmark child's start (measured: the
   * bare first-call child went from 0.3 s to 0.9 s).
   */
  private HttpClient http;

  private ObjectMapper json;

  /** Requests that failed or were not answered 200, over every run. */
  private long errors;

  @Override
  public Integer call() throws Exception {
    http = HttpClient.newHttpClient();
    json = new ObjectMapper();
    Measurements measures = new Measurements();
    try (OtlpSink sink = new OtlpSink()) {
      Configuration.Tools tools = options.tools(sink.endpoint());
      Child.interleaved(
          options.rounds,
          MEASURED,
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
    List<String> command = new ArrayList<>();
    command.add(tools.java().toString());
    command.addAll(configuration.jvmOptions(tools, options.work));
    command.addAll(
        List.of(
            "-cp",
            tools.benchJar().toString(),
            "dev.wasmlens.demo.DemoMain",
            "serve",
            "--port",
            "0",
            "--strategy",
            "prewarmed-pool"));
    Process service = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      int port = awaitPort(service);
      LoadGenerator load =
          new LoadGenerator(
              new LoadOptions(
                  URI.create("http://127.0.0.1:" + port + "/checksum?n=64"),
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
                  atStart[0] = cpuNanos(service);
                  atStart[1] = allocatedBytes(port);
                } catch (IOException | InterruptedException e) {
                  atStart[1] = -1;
                }
              });
      mark.start();
      LoadReport report = load.run(line -> {});
      long cpu = cpuNanos(service) - atStart[0];
      long allocated = allocatedBytes(port) - atStart[1];
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
    } finally {
      service.destroy();
      service.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** What the service's request threads have allocated so far, from its {@code /stats}. */
  private long allocatedBytes(int port) throws IOException, InterruptedException {
    HttpResponse<String> stats =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/stats")).build(),
            HttpResponse.BodyHandlers.ofString());
    return json.readTree(stats.body()).get("allocatedBytes").asLong();
  }

  private static long cpuNanos(Process process) {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  private static int awaitPort(Process service) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      Matcher serving = SERVING.matcher(line);
      if (serving.find()) {
        Thread drain =
            new Thread(
                () -> {
                  try {
                    out.lines().forEach(l -> {});
                  } catch (UncheckedIOException stopped) {
                    // The service was stopped: its output ends here.
                  }
                });
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(serving.group(1));
      }
    }
    throw new IOException("the service ended before it listened");
  }
}
