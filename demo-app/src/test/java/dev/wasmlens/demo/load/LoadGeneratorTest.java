package dev.wasmlens.demo.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load generator against a local server whose delays the test controls. */
class LoadGeneratorTest {
  private HttpServer server;
  private volatile long stallUntilNanos;

  @BeforeEach
  void startServer() throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext(
        "/",
        exchange -> {
          long wait = stallUntilNanos - System.nanoTime();
          if (wait > 0) {
            try {
              Thread.sleep(wait / 1_000_000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          byte[] body = "ok".getBytes();
          exchange.sendResponseHeaders(
              exchange.getRequestURI().getPath().equals("/fail") ? 500 : 200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void anOpenLoopSendsAtTheOfferedRateAndReportsProgress() throws Exception {
    List<String> progress = new ArrayList<>();
    Instant before = Instant.now();
    LoadReport report =
        new LoadGenerator(
                options("/", true, 200, Duration.ofMillis(500), Duration.ofSeconds(2), 1_000_000))
            .run(progress::add);
    Instant after = Instant.now();
    // The measured window by the wall clock: after the warm-up, as long as the measured time.
    assertThat(report.measuredFrom()).isBetween(before.plusMillis(500), after);
    assertThat(Duration.between(report.measuredFrom(), report.measuredTo()).toNanos())
        .isCloseTo(Math.round(report.seconds() * 1e9), within(1_000L));
    assertThat(report.requests()).isBetween(390L, 401L);
    assertThat(report.errors()).isZero();
    assertThat(report.throughputPerSecond()).isBetween(190.0, 205.0);
    assertThat(report.p50Nanos()).isPositive().isLessThanOrEqualTo(report.p99Nanos());
    assertThat(report.p99Nanos()).isLessThanOrEqualTo(report.maxNanos());
    assertThat(progress).anyMatch(line -> line.startsWith("warming up"));
    assertThat(progress).anyMatch(line -> line.contains("requests"));
  }

  @Test
  void aStallIsChargedToEveryRequestThatShouldHaveBeenSentDuringIt() throws Exception {
    LoadGenerator generator =
        new LoadGenerator(options("/", true, 100, Duration.ZERO, Duration.ofSeconds(2), 1_000_000));
    // One second into the run the server stops answering for 500 ms; the open loop keeps its
    // schedule.
    Thread delayed =
        new Thread(
            () -> {
              try {
                Thread.sleep(1_000);
              } catch (InterruptedException e) {
                return;
              }
              stallUntilNanos = System.nanoTime() + Duration.ofMillis(500).toNanos();
            });
    delayed.start();
    LoadReport report = generator.run(line -> {});
    delayed.join();
    // With 4 senders and 100 req/s, requests due during the stall wait for it: far more than 1%
    // exceed 100 ms,
    // where a closed loop would have recorded only the few requests that were in flight.
    assertThat(report.p99Nanos()).isGreaterThan(Duration.ofMillis(300).toNanos());
    assertThat(report.p90Nanos()).isGreaterThan(Duration.ofMillis(50).toNanos());
    assertThat(report.errors()).isZero();
  }

  @Test
  void aClosedLoopIsBoundedByItsRequestCountAndCountsErrors() throws Exception {
    LoadReport report =
        new LoadGenerator(options("/fail", false, 0, Duration.ZERO, Duration.ofSeconds(5), 50))
            .run(line -> {});
    assertThat(report.requests()).isBetween(50L, 53L);
    assertThat(report.errors()).isEqualTo(report.requests());
    assertThat(report.offeredRatePerSecond()).isZero();
  }

  @Test
  void onlyLoopbackTargetsAndSensibleNumbersAreAccepted() {
    assertThatThrownBy(
            () ->
                new LoadOptions(
                    URI.create("http://10.0.0.1/"),
                    true,
                    10,
                    1,
                    Duration.ZERO,
                    Duration.ofSeconds(1),
                    1))
        .hasMessage("the load generator only targets loopback addresses, not http://10.0.0.1/");
    assertThatThrownBy(() -> options("/", true, 0, Duration.ZERO, Duration.ofSeconds(1), 1))
        .hasMessage("rate must be positive, got 0.0");
    assertThatThrownBy(() -> options("/", true, 1, Duration.ZERO, Duration.ZERO, 1))
        .hasMessage("duration must be positive and warm-up not negative");
  }

  private LoadOptions options(
      String path,
      boolean openLoop,
      double rate,
      Duration warmUp,
      Duration duration,
      long maxRequests) {
    return new LoadOptions(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path),
        openLoop,
        rate,
        4,
        warmUp,
        duration,
        maxRequests);
  }
}
