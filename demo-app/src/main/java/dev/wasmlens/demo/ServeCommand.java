package dev.wasmlens.demo;

import dev.wasmlens.demo.fault.GroundTruthLog;
import dev.wasmlens.demo.service.ColdStart;
import dev.wasmlens.demo.service.WasmService;
import dev.wasmlens.demo.strategy.Strategies;
import io.github.kawamuray.wasmtime.Engine;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code serve}: the demo service on loopback, until interrupted or for a given time. */
@Command(
    mixinStandardHelpOptions = true,
    name = "serve",
    description = "Serve the checksum guest over HTTP on 127.0.0.1.")
final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port = 8080;

  @Option(
      names = "--strategy",
      description =
          "cold, fresh-instance, prewarmed-pool, dynamic-pool, hybrid, shared or shared-store (default: ${DEFAULT-VALUE}).")
  String strategy = "fresh-instance";

  @Option(names = "--workers", description = "Request threads (default: ${DEFAULT-VALUE}).")
  int workers = 8;

  @Option(
      names = "--pool-size",
      description = "Instances of a pre-warmed pool, most of any pool (default: ${DEFAULT-VALUE}).")
  int poolSize = 4;

  @Option(
      names = "--warm-minimum",
      description = "Instances the hybrid keeps warm (default: ${DEFAULT-VALUE}).")
  int warmMinimum = 2;

  @Option(
      names = "--idle-timeout-ms",
      description =
          "Idle time before a pool retires an instance above its minimum (default: ${DEFAULT-VALUE}).")
  long idleTimeoutMillis = 2_000;

  @Option(
      names = "--seconds",
      description =
          "Stop after this many seconds; 0 serves until interrupted (default: ${DEFAULT-VALUE}).")
  long seconds;

  @Option(
      names = "--ground-truth",
      description =
          "Append a JSON line here each time a fault injector acted (POST /faults/NAME?ms=N).")
  Path groundTruth;

  @Override
  public Integer call() throws Exception {
    if (workers < 1) {
      throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
    }
    ColdStart coldStart = ColdStart.measure();
    try (Engine engine = new Engine();
        WasmService service =
            WasmService.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                engine,
                Strategies.create(
                    strategy, engine, poolSize, warmMinimum, Duration.ofMillis(idleTimeoutMillis)),
                workers,
                coldStart,
                new GroundTruthLog(groundTruth))) {
      System.out.printf(
          "serving http://127.0.0.1:%d/checksum?n=64 with %s (%s); cold start %.1f ms%n",
          service.port(),
          service.strategy().name(),
          service.strategy().isolation(),
          coldStart.totalNanos() / 1e6);
      System.out.flush();
      CountDownLatch forever = new CountDownLatch(1);
      if (seconds > 0) {
        Thread.sleep(Duration.ofSeconds(seconds).toMillis());
      } else {
        forever.await();
      }
    }
    return 0;
  }
}
