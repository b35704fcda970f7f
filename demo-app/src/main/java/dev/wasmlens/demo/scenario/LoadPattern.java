package dev.wasmlens.demo.scenario;

import dev.wasmlens.demo.load.LoadGenerator;
import dev.wasmlens.demo.load.LoadOptions;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** How a scenario's requests arrive. Each pattern blocks its caller for the whole duration. */
enum LoadPattern {
  /** An idle service: an open loop of {@link #TRICKLE_PER_SECOND} requests per second. */
  TRICKLE,
  /** An open loop of {@link #STEADY_PER_SECOND} requests per second. */
  STEADY,
  /**
   * Every {@link #BURST_PERIOD}, {@link #BURST_REQUESTS} requests back to back on {@link
   * #BURST_CONNECTIONS} connections, then nothing until the next burst.
   */
  BURSTY;

  static final double TRICKLE_PER_SECOND = 10;
  static final double STEADY_PER_SECOND = 120;
  static final int STEADY_CONNECTIONS = 4;
  static final Duration BURST_PERIOD = Duration.ofSeconds(1);
  static final int BURST_REQUESTS = 120;
  static final int BURST_CONNECTIONS = 8;

  /** Sends this pattern's requests to {@code target} for {@code duration}. */
  void drive(URI target, Duration duration) throws InterruptedException {
    switch (this) {
      case TRICKLE:
        openLoop(target, TRICKLE_PER_SECOND, 1, duration);
        break;
      case STEADY:
        openLoop(target, STEADY_PER_SECOND, STEADY_CONNECTIONS, duration);
        break;
      case BURSTY:
        bursts(target, duration);
        break;
      default:
        throw new IllegalStateException(name());
    }
  }

  /** What the pattern sends, for the ground truth and progress lines. */
  String describe() {
    switch (this) {
      case TRICKLE:
        return "open loop, " + TRICKLE_PER_SECOND + " req/s";
      case STEADY:
        return "open loop, " + STEADY_PER_SECOND + " req/s on " + STEADY_CONNECTIONS + " senders";
      case BURSTY:
        return BURST_REQUESTS
            + " requests back to back on "
            + BURST_CONNECTIONS
            + " senders every "
            + BURST_PERIOD.toMillis()
            + " ms";
      default:
        throw new IllegalStateException(name());
    }
  }

  private static void openLoop(URI target, double rate, int connections, Duration duration)
      throws InterruptedException {
    new LoadGenerator(
            new LoadOptions(
                target, true, rate, connections, Duration.ZERO, duration, Long.MAX_VALUE))
        .run(line -> {});
  }

  private static void bursts(URI target, Duration duration) throws InterruptedException {
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    for (long burst = 0; start + burst * BURST_PERIOD.toNanos() < end; burst++) {
      long due = start + burst * BURST_PERIOD.toNanos();
      TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
      new LoadGenerator(
              new LoadOptions(
                  target, false, 0, BURST_CONNECTIONS, Duration.ZERO, BURST_PERIOD, BURST_REQUESTS))
          .run(line -> {});
    }
  }
}
