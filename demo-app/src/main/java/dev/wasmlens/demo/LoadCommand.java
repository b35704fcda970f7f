package dev.wasmlens.demo;

import dev.wasmlens.demo.load.Format;
import dev.wasmlens.demo.load.LoadGenerator;
import dev.wasmlens.demo.load.LoadOptions;
import dev.wasmlens.demo.load.LoadReport;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code load}: drive a loopback URL at a constant rate (or closed loop) and print the latency
 * spectrum.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "load",
    description = "Send requests to a loopback URL and report latency percentiles.")
final class LoadCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "The URL, for example http://127.0.0.1:8080/checksum?n=64")
  URI target;

  @Mixin LoadShape shape = new LoadShape();

  @Option(names = "--closed-loop", description = "Send back to back instead of at a constant rate.")
  boolean closedLoop;

  @Option(
      names = "--max-requests",
      description = "Stop after this many measured requests (default: ${DEFAULT-VALUE}).")
  long maxRequests = 1_000_000;

  @Override
  public Integer call() throws Exception {
    LoadOptions options =
        new LoadOptions(
            target,
            !closedLoop,
            shape.rate,
            shape.connections,
            shape.warmUp(),
            shape.duration(),
            maxRequests);
    LoadReport report = new LoadGenerator(options).run(System.err::println);
    System.out.printf(
        "%s: %d requests, %d errors, %.1f req/s%n",
        report.openLoop() ? "open loop at " + shape.rate + " req/s" : "closed loop",
        report.requests(),
        report.errors(),
        report.throughputPerSecond());
    System.out.printf(
        "p50 %s  p90 %s  p99 %s  p99.9 %s  max %s%n",
        Format.nanos(report.p50Nanos()),
        Format.nanos(report.p90Nanos()),
        Format.nanos(report.p99Nanos()),
        Format.nanos(report.p999Nanos()),
        Format.nanos(report.maxNanos()));
    return report.errors() == 0 ? 0 : 1;
  }
}
