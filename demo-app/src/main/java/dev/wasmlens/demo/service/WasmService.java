package dev.wasmlens.demo.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wasmlens.demo.fault.Faults;
import dev.wasmlens.demo.fault.GroundTruthLog;
import dev.wasmlens.demo.fault.HostLock;
import dev.wasmlens.demo.fault.RequestGate;
import dev.wasmlens.demo.guest.Wat2Wasm;
import dev.wasmlens.demo.strategy.InstanceStrategy;
import io.github.kawamuray.wasmtime.Engine;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo service on the JDK's HTTP server:
 *
 * <ul>
 *   <li>{@code GET /checksum?n=N} runs the checksum guest's loop N times (1 to {@value
 *       #MAX_ITERATIONS}) with an instance from the strategy, and answers the checksum;
 *   <li>{@code POST /wat2wasm} turns the WebAssembly text in the body (at most 1 MiB) into a binary
 *       module with wabt's wat2wasm, a real-world WASI command compiled by the first such request;
 *   <li>{@code POST /faults/NAME?ms=N} starts fault injector NAME (gc, jit, lock, engine-lock,
 *       cold-start, and the fault suite's alloc-gc, cpu-hog, host-block, reentrant-lock,
 *       large-memory, class-gen) for N milliseconds in the background and logs it to the ground
 *       truth when it ends;
 *   <li>{@code GET /health} answers {@code ok} and the strategy;
 *   <li>{@code GET /stats} answers requests served, failed, and cold starts paid by requests, as
 *       JSON;
 *   <li>{@code GET /coldstart} answers the cold start measured at start-up, as JSON.
 * </ul>
 *
 * Bad requests get 400 and one line saying what is wrong; anything else 404.
 */
public final class WasmService implements AutoCloseable {
  public static final int MAX_ITERATIONS = 1_000_000;

  /** The largest WebAssembly text {@code /wat2wasm} accepts. */
  public static final int MAX_WAT_BYTES = 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The JDK's HTTP server leaves Nagle's algorithm on; with keep-alive and small answers each
   * response then waits for the client's delayed ACK, about 40 ms on Linux (measured here: p50 1.87
   * s at 300 req/s without it, 1.26 ms with it). The server reads the property once, when its first
   * instance is created in the JVM.
   */
  static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

  private final HttpServer server;
  private final ExecutorService workers;
  private final InstanceStrategy strategy;
  private final Wat2Wasm wat2wasm;
  private final RequestGate gate;
  private final HostLock hostLock;
  private final Faults faults;
  private final ColdStart coldStart;
  private final AtomicLong served = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  private WasmService(
      HttpServer server,
      ExecutorService workers,
      InstanceStrategy strategy,
      Wat2Wasm wat2wasm,
      RequestGate gate,
      HostLock hostLock,
      Faults faults,
      ColdStart coldStart) {
    this.server = server;
    this.workers = workers;
    this.strategy = strategy;
    this.wat2wasm = wat2wasm;
    this.gate = gate;
    this.hostLock = hostLock;
    this.faults = faults;
    this.coldStart = coldStart;
  }

  /**
   * Starts serving on {@code address} with {@code workers} request threads.
   *
   * @param engine the engine the strategy uses, on which wat2wasm is compiled too; it stays the
   *     caller's
   * @param coldStart what {@link ColdStart#measure()} found before the strategy was created
   */
  public static WasmService start(
      InetSocketAddress address,
      Engine engine,
      InstanceStrategy strategy,
      int workers,
      ColdStart coldStart,
      GroundTruthLog groundTruth)
      throws IOException {
    if (System.getProperty(NO_DELAY_PROPERTY) == null) {
      System.setProperty(NO_DELAY_PROPERTY, "true");
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            workers, r -> new Thread(r, "wasm-request-" + threads.incrementAndGet()));
    HttpServer server = HttpServer.create(address, 0);
    server.setExecutor(pool);
    RequestGate gate = new RequestGate();
    HostLock hostLock = new HostLock();
    WasmService service =
        new WasmService(
            server,
            pool,
            strategy,
            new Wat2Wasm(engine),
            gate,
            hostLock,
            new Faults(engine, strategy, gate, hostLock, groundTruth),
            coldStart);
    server.createContext("/", service::handle);
    server.start();
    return service;
  }

  /** The strategy serving {@code /checksum}. */
  public InstanceStrategy strategy() {
    return strategy;
  }

  /** The port the service listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdown();
    try {
      workers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    strategy.close();
    wat2wasm.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      String expected =
          uri.getPath().equals("/wat2wasm") || uri.getPath().startsWith("/faults/")
              ? "POST"
              : "GET";
      if (!expected.equals(exchange.getRequestMethod())) {
        respond(exchange, 405, uri.getPath() + " takes " + expected + "\n");
        return;
      }
      if (uri.getPath().startsWith("/faults/")) {
        fault(exchange, uri.getPath().substring("/faults/".length()), uri.getRawQuery());
        return;
      }
      switch (uri.getPath()) {
        case "/checksum":
          checksum(exchange, uri.getRawQuery());
          break;
        case "/wat2wasm":
          wat2wasm(exchange);
          break;
        case "/health":
          respond(exchange, 200, "ok " + strategy.name() + "\n");
          break;
        case "/stats":
          respondJson(exchange, stats());
          break;
        case "/coldstart":
          respondJson(exchange, coldStart());
          break;
        default:
          respond(exchange, 404, "no such endpoint: " + uri.getPath() + " (try /checksum?n=64)\n");
      }
    }
  }

  private void fault(HttpExchange exchange, String name, String query) throws IOException {
    try {
      int millis =
          RequestParameters.intParameter(query, "ms", 1, (int) Faults.MAX_DURATION.toMillis());
      faults.start(name, Duration.ofMillis(millis));
      respond(exchange, 202, "started " + name + " for " + millis + " ms\n");
    } catch (IllegalArgumentException e) {
      respond(exchange, 400, e.getMessage() + "\n");
    } catch (IllegalStateException e) {
      respond(exchange, 409, e.getMessage() + "\n");
    }
  }

  private void wat2wasm(HttpExchange exchange) throws IOException {
    byte[] wat = exchange.getRequestBody().readNBytes(MAX_WAT_BYTES + 1);
    if (wat.length > MAX_WAT_BYTES) {
      respond(exchange, 413, "the text is larger than " + MAX_WAT_BYTES + " bytes\n");
      return;
    }
    try {
      byte[] module = wat2wasm.convert(new String(wat, StandardCharsets.UTF_8));
      served.incrementAndGet();
      exchange.getResponseHeaders().set("Content-Type", "application/wasm");
      exchange.sendResponseHeaders(200, module.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(module);
      }
    } catch (IllegalArgumentException e) {
      respond(exchange, 400, e.getMessage() + "\n");
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      respond(exchange, 500, "wat2wasm failed: " + e + "\n");
    }
  }

  private Map<String, Object> stats() {
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("strategy", strategy.name());
    stats.put("isolation", strategy.isolation());
    stats.put("served", served.get());
    stats.put("failed", failed.get());
    stats.put("coldStarts", strategy.coldStarts());
    stats.put("allocatedBytes", allocatedBytes());
    return stats;
  }

  /**
   * Bytes allocated so far by the threads alive now (the request threads among them), or -1 where
   * the JVM does not count them: the load benchmark's allocation measure.
   */
  private static long allocatedBytes() {
    if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)) {
      return -1;
    }
    long total = 0;
    for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      total += Math.max(0, bytes);
    }
    return total;
  }

  private Map<String, Object> coldStart() {
    Map<String, Object> parts = new LinkedHashMap<>();
    parts.put("kind", ColdStart.KIND);
    parts.put("nativeLoadNanos", coldStart.nativeLoadNanos());
    parts.put("engineNanos", coldStart.engineNanos());
    parts.put("compileNanos", coldStart.compileNanos());
    parts.put("instantiateNanos", coldStart.instantiateNanos());
    parts.put("firstCallNanos", coldStart.firstCallNanos());
    parts.put("totalNanos", coldStart.totalNanos());
    return parts;
  }

  private void checksum(HttpExchange exchange, String query) throws IOException {
    int iterations;
    try {
      iterations = RequestParameters.intParameter(query, "n", 1, MAX_ITERATIONS);
    } catch (IllegalArgumentException e) {
      respond(exchange, 400, e.getMessage() + "\n");
      return;
    }
    try {
      int result = strategy.serve(instance -> instance.checksum(iterations, this::hostCall));
      served.incrementAndGet();
      respond(exchange, 200, result + "\n");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed.incrementAndGet();
      respond(exchange, 503, "interrupted while waiting for an instance\n");
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      respond(exchange, 500, "the guest failed: " + e + "\n");
    }
  }

  /** What every request's host function passes through: the application's shared state. */
  private void hostCall() {
    gate.admit();
    hostLock.admit();
  }

  private static void respondJson(HttpExchange exchange, Map<String, Object> body)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
