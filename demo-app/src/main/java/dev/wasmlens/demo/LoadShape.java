package dev.wasmlens.demo;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The load options {@code load} and {@code tradeoffs} share: rate, senders, warm-up and measured
 * time.
 */
final class LoadShape {
  @Option(
      names = "--rate",
      description = "Offered requests per second of the open loop (default: ${DEFAULT-VALUE}).")
  double rate = 200;

  @Option(names = "--connections", description = "Concurrent senders (default: ${DEFAULT-VALUE}).")
  int connections = 8;

  @Option(
      names = "--warmup-seconds",
      description = "Sent but not measured (default: ${DEFAULT-VALUE}).")
  long warmUpSeconds = 3;

  @Option(names = "--seconds", description = "Measured time (default: ${DEFAULT-VALUE}).")
  long seconds = 10;

  Duration warmUp() {
    return Duration.ofSeconds(warmUpSeconds);
  }

  Duration duration() {
    return Duration.ofSeconds(seconds);
  }

  @Override
  public String toString() {
    return String.format(
        "--rate %s --connections %d --warmup-seconds %d --seconds %d",
        rate, connections, warmUpSeconds, seconds);
  }
}
