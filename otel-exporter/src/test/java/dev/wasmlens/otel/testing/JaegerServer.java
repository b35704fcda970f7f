package dev.wasmlens.otel.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Jaeger (v2, in-memory storage), built once from the Go module proxy by {@code
 * otel-exporter/jaeger/build-jaeger.sh} and started on free loopback ports for the test.
 *
 * <p>Without Go the build is impossible: the test is then skipped with that reason, unless {@code
 * -Dwasmlens.it.requireJaeger=true} (as in CI), where it fails. Shared with the agent's and the
 * analyzer's tests through this module's test jar; they set {@code wasmlens.it.jaegerBuildScript}.
 */
public final class JaegerServer implements AutoCloseable {
  private static final int NO_GO_EXIT_CODE = 3;
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(30);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final int START_ATTEMPTS = 3;

  private final Process process;
  private final Path workDir;
  private final int otlpGrpcPort;
  private final int otlpHttpPort;
  private final int queryPort;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  private JaegerServer(
      Process process, Path workDir, int otlpGrpcPort, int otlpHttpPort, int queryPort) {
    this.process = process;
    this.workDir = workDir;
    this.otlpGrpcPort = otlpGrpcPort;
    this.otlpHttpPort = otlpHttpPort;
    this.queryPort = queryPort;
  }

  /**
   * Builds Jaeger if it is not cached, starts it with its configuration and log in {@code workDir},
   * and waits until it is healthy.
   */
  public static JaegerServer start(Path workDir) throws Exception {
    Path binary = build(workDir);
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnFreePorts(binary, Files.createDirectories(workDir));
      } catch (PortTakenException e) {
        if (attempt == START_ATTEMPTS) {
          throw new IllegalStateException(e.getMessage());
        }
      }
    }
  }

  private static JaegerServer startOnFreePorts(Path binary, Path workDir) throws Exception {
    int[] ports = freePorts(5);
    int grpc = ports[0];
    int otlpHttp = ports[1];
    int query = ports[2];
    int health = ports[4];
    Path config = workDir.resolve("jaeger-config.yaml");
    Files.writeString(config, config(grpc, otlpHttp, query, ports[3], health));
    Process process =
        new ProcessBuilder(binary.toString(), "--config", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("jaeger.log").toFile())
            .start();
    JaegerServer server = new JaegerServer(process, workDir, grpc, otlpHttp, query);
    server.awaitHealthy(health);
    return server;
  }

  /** Jaeger exited while starting because one of its ports was taken in the meantime. */
  private static final class PortTakenException extends Exception {
    PortTakenException(String message) {
      super(message);
    }
  }

  public String otlpGrpcEndpoint() {
    return "http://127.0.0.1:" + otlpGrpcPort;
  }

  public String otlpHttpEndpoint() {
    return "http://127.0.0.1:" + otlpHttpPort;
  }

  /**
   * {@code POST /v1/traces} of an OTLP JSON export request to Jaeger's OTLP HTTP receiver.
   *
   * @throws IOException when Jaeger does not accept it, with its answer
   */
  public void postOtlpJson(String exportRequest) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(otlpHttpEndpoint() + "/v1/traces"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(exportRequest))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(
          "POST /v1/traces answered " + response.statusCode() + ": " + response.body());
    }
  }

  /** {@code GET /api/v3/services}: the service names Jaeger knows. */
  public JsonNode services() throws IOException, InterruptedException {
    return get("/api/v3/services");
  }

  /**
   * {@code GET /api/v3/traces}: the service's traces of the last hour, as OTLP JSON; null when none
   * (404).
   */
  public JsonNode traces(String service) throws IOException, InterruptedException {
    Instant now = Instant.now();
    return get(
        "/api/v3/traces?query.service_name="
            + URLEncoder.encode(service, StandardCharsets.UTF_8)
            + "&query.start_time_min="
            + now.minus(Duration.ofHours(1))
            + "&query.start_time_max="
            + now.plus(Duration.ofMinutes(1))
            + "&query.num_traces=1000");
  }

  /** {@code GET /api/traces/{id}}: one trace in Jaeger's own JSON, as its UI shows it. */
  public JsonNode trace(String traceId) throws IOException, InterruptedException {
    return get("/api/traces/" + traceId);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + queryPort + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 404) {
      return null;
    }
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return json.readTree(response.body());
  }

  private void awaitHealthy(int healthPort) throws Exception {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    URI status = URI.create("http://127.0.0.1:" + healthPort + "/status");
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        String message =
            "Jaeger exited with " + process.exitValue() + "; see " + workDir.resolve("jaeger.log");
        if (Files.readString(workDir.resolve("jaeger.log")).contains("address already in use")) {
          throw new PortTakenException(message);
        }
        throw new IllegalStateException(message);
      }
      try {
        if (http.send(
                    HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    close();
    throw new IllegalStateException("Jaeger was not healthy within " + START_TIMEOUT);
  }

  private static Path build(Path workDir) throws Exception {
    Path script = Paths.get(System.getProperty("wasmlens.it.jaegerBuildScript"));
    Path log = Files.createDirectories(workDir).resolve("jaeger-build.log");
    Process build =
        new ProcessBuilder("bash", script.toString())
            .redirectError(log.toFile())
            .redirectOutput(ProcessBuilder.Redirect.PIPE)
            .start();
    String output =
        new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!build.waitFor(BUILD_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
      build.destroyForcibly();
      throw new IllegalStateException(
          "building Jaeger took over " + BUILD_TIMEOUT + "; see " + log);
    }
    if (build.exitValue() == NO_GO_EXIT_CODE && !Boolean.getBoolean("wasmlens.it.requireJaeger")) {
      Assumptions.abort(
          "skipped: Jaeger cannot be built here, Go is not installed ("
              + Files.readString(log).trim()
              + ")");
    }
    if (build.exitValue() != 0) {
      throw new IllegalStateException(
          "building Jaeger failed (exit " + build.exitValue() + "); see " + log);
    }
    return Paths.get(output.lines().reduce((first, last) -> last).orElseThrow());
  }

  /**
   * {@code count} distinct loopback ports free now: held open together so that none is handed out
   * twice. Another process may still take one before Jaeger binds it ({@link #START_ATTEMPTS}).
   */
  private static int[] freePorts(int count) throws IOException {
    ServerSocket[] sockets = new ServerSocket[count];
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket socket : sockets) {
        if (socket != null) {
          socket.close();
        }
      }
    }
  }

  private static String config(int grpc, int otlpHttp, int query, int queryGrpc, int health) {
    return String.join(
        "\n",
        "service:",
        "  extensions: [jaeger_storage, jaeger_query, healthcheckv2]",
        "  pipelines:",
        "    traces:",
        "      receivers: [otlp]",
        "      processors: [batch]",
        "      exporters: [jaeger_storage_exporter]",
        "  telemetry:",
        "    metrics:",
        "      level: none",
        "extensions:",
        "  healthcheckv2:",
        "    use_v2: true",
        "    http:",
        "      endpoint: 127.0.0.1:" + health,
        "  jaeger_query:",
        "    storage:",
        "      traces: memstore",
        "    http:",
        "      endpoint: 127.0.0.1:" + query,
        "    grpc:",
        "      endpoint: 127.0.0.1:" + queryGrpc,
        "  jaeger_storage:",
        "    backends:",
        "      memstore:",
        "        memory:",
        "          max_traces: 100000",
        "receivers:",
        "  otlp:",
        "    protocols:",
        "      grpc:",
        "        endpoint: 127.0.0.1:" + grpc,
        "      http:",
        "        endpoint: 127.0.0.1:" + otlpHttp,
        "processors:",
        "  batch:",
        "    timeout: 200ms",
        "exporters:",
        "  jaeger_storage_exporter:",
        "    trace_storage: memstore",
        "");
  }
}
