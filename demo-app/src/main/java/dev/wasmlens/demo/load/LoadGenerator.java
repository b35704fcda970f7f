package dev.wasmlens.demo.load;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Sends HTTP requests to one URL and measures their latency.
 *
 * <p>Open loop: sender {@code k} of {@code c} owns request slots {@code k, k + c, k + 2c, ...};
 * slot {@code i} is due at {@code start + i / rate}. A sender sleeps until its next slot is due,
 * sends, and records the latency from the slot's due time, so when the service stalls, the requests
 * that should have been sent meanwhile are charged for the wait (wrk2's correction for coordinated
 * omission). Closed loop: each sender sends back to back.
 *
 * <p>Bounded: it stops after warm-up plus duration, or after the maximum number of measured
 * requests; a request that gets no answer within {@link #REQUEST_TIMEOUT} counts as an error.
 */
public final class LoadGenerator {
  /** The longest one request may take before it counts as failed. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private static final int SIGNIFICANT_DIGITS = 3;
  private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final LoadOptions options;
  private final HttpClient client;
  private final Recorder latencies = new Recorder(SIGNIFICANT_DIGITS);
  private final AtomicLong measured = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();

  public LoadGenerator(LoadOptions options) {
    this.options = options;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(REQUEST_TIMEOUT)
            .build();
  }

  /**
   * Runs the load and returns what it measured.
   *
   * @param progress receives one line about every second while it runs
   */
  public LoadReport run(Consumer<String> progress) throws InterruptedException {
    long start = System.nanoTime();
    // The window by the wall clock too, which JFR's timestamps follow: the analyzer's --from/--to.
    Instant wallStart = Instant.now();
    long measureFrom = start + options.warmUp().toNanos();
    long end = measureFrom + options.duration().toNanos();
    List<Thread> senders = new ArrayList<>();
    for (int k = 0; k < options.connections(); k++) {
      int sender = k;
      Thread thread = new Thread(() -> send(sender, start, measureFrom, end), "load-sender-" + k);
      thread.setDaemon(true);
      senders.add(thread);
      thread.start();
    }
    if (!options.warmUp().isZero()) {
      progress.accept(String.format("warming up for %.1f s", options.warmUp().toMillis() / 1e3));
    }
    Histogram total = new Histogram(SIGNIFICANT_DIGITS);
    Histogram interval = null;
    while (senders.stream().anyMatch(Thread::isAlive)) {
      LockSupport.parkNanos(PROGRESS_INTERVAL_NANOS);
      long now = System.nanoTime();
      if (now < measureFrom) {
        progress.accept(String.format("warming up, %.0f s left", (measureFrom - now) / 1e9));
        continue;
      }
      interval = latencies.getIntervalHistogram(interval);
      total.add(interval);
      progress.accept(
          String.format(
              "%4.0f s  %7d requests  %5d errors  p99 %s in the last second",
              (now - measureFrom) / 1e9,
              measured.get(),
              errors.get(),
              Format.nanos(interval.getValueAtPercentile(99))));
    }
    total.add(latencies.getIntervalHistogram());
    long measuredNanos = Math.min(System.nanoTime(), end) - measureFrom;
    double seconds = measuredNanos / 1e9;
    Instant measuredFrom = wallStart.plus(options.warmUp());
    return new LoadReport(
        options.openLoop(),
        options.openLoop() ? options.ratePerSecond() : 0,
        total.getTotalCount(),
        errors.get(),
        seconds,
        total.getValueAtPercentile(50),
        total.getValueAtPercentile(90),
        total.getValueAtPercentile(99),
        total.getValueAtPercentile(99.9),
        total.getMaxValue(),
        measuredFrom,
        measuredFrom.plusNanos(Math.max(0, measuredNanos)));
  }

  private void send(int sender, long start, long measureFrom, long end) {
    HttpRequest request =
        HttpRequest.newBuilder(options.target()).timeout(REQUEST_TIMEOUT).GET().build();
    double intervalNanos = options.openLoop() ? 1e9 / options.ratePerSecond() : 0;
    for (long slot = sender; ; slot += options.connections()) {
      long due = options.openLoop() ? start + (long) (slot * intervalNanos) : System.nanoTime();
      if (due >= end || measured.get() >= options.maxRequests()) {
        return;
      }
      // parkNanos may return early: sleep until the slot is really due.
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      boolean ok = sendOne(request);
      long latency = System.nanoTime() - due;
      if (due >= measureFrom) {
        latencies.recordValue(Math.max(0, latency));
        measured.incrementAndGet();
        if (!ok) {
          errors.incrementAndGet();
        }
      }
    }
  }

  private boolean sendOne(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException | RuntimeException e) {
      // A failed request is an error to count, never a reason for the sender to stop.
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
