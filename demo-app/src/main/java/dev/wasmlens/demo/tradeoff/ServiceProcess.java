package dev.wasmlens.demo.tradeoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The demo service in a JVM of its own, so that its CPU time and memory are its own. */
public final class ServiceProcess implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+)/");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ObjectMapper json = new ObjectMapper();

  private ServiceProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts {@code serve} with {@code strategy} and waits until it listens.
   *
   * @param agentJar the WasmLens agent to attach, or null
   * @param recording where the agent writes its recording, when attached
   * @param log where the service's output goes
   */
  public static ServiceProcess start(
      String strategy, Path agentJar, Path recording, Path log, List<String> serveOptions)
      throws IOException, InterruptedException {
    List<String> jvmOptions = new ArrayList<>();
    if (agentJar != null) {
      // A diagnosis run: calls read the CPU clock too, so the analyzer can tell time off CPU.
      jvmOptions.add("-javaagent:" + agentJar + "=jfr.file=" + recording + ",cpu-time=all");
      // The recording names its service after the strategy: the analyzer reports each on its own.
      jvmOptions.add("-Dotel.service.name=wasmlens-demo-" + strategy);
    }
    return start(jvmOptions, strategy, log, serveOptions);
  }

  /**
   * Starts {@code serve} with {@code strategy} in a JVM with {@code jvmOptions} (an agent, for
   * example), on this JVM's JDK and class path, and waits until it listens.
   *
   * @param log where the service's output goes
   */
  public static ServiceProcess start(
      List<String> jvmOptions, String strategy, Path log, List<String> serveOptions)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.wasmlens.demo.DemoMain");
    command.add("serve");
    command.add("--port");
    command.add("0");
    command.add("--strategy");
    command.add(strategy);
    command.addAll(serveOptions);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    int port = awaitPort(process, log);
    return new ServiceProcess(process, port);
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** GETs {@code path} and times it; fails unless the answer is 200. */
  public Timed get(String path) throws IOException, InterruptedException {
    long start = System.nanoTime();
    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    long nanos = System.nanoTime() - start;
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET " + path + " answered " + response.statusCode() + ": " + response.body().trim());
    }
    return new Timed(response.body(), nanos);
  }

  /** POSTs {@code path} with an empty body; fails unless the answer is 2xx. Returns the body. */
  public String post(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          "POST " + path + " answered " + response.statusCode() + ": " + response.body().trim());
    }
    return response.body();
  }

  public JsonNode getJson(String path) throws IOException, InterruptedException {
    return json.readTree(get(path).body());
  }

  /** The service's process, for a look at its children (the fault suite's tests). */
  public ProcessHandle handle() {
    return process.toHandle();
  }

  /** CPU time the service's process has used so far. */
  public Duration cpuTime() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** The process's resident memory, from {@code /proc}; -1 where that cannot be read. */
  long residentBytes() {
    try {
      for (String line :
          Files.readAllLines(Paths.get("/proc", String.valueOf(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /**
   * Stops the service the way an operator would (SIGTERM), so that the agent writes its recording.
   */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private static int awaitPort(Process process, Path log) throws IOException, InterruptedException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    StringBuilder seen = new StringBuilder();
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      seen.append(line).append('\n');
      Matcher serving = SERVING.matcher(line);
      if (serving.find()) {
        copyRest(out, log, seen.toString());
        return Integer.parseInt(serving.group(1));
      }
    }
    process.destroyForcibly();
    Files.writeString(log, seen);
    throw new IOException("the service did not start; its output is in " + log);
  }

  /** Keeps draining the service's output into its log, so that it never blocks on a full pipe. */
  private static void copyRest(BufferedReader out, Path log, String head) throws IOException {
    Files.writeString(log, head);
    Thread drain =
        new Thread(
            () -> {
              try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  Files.writeString(log, line + "\n", java.nio.file.StandardOpenOption.APPEND);
                }
              } catch (IOException ignored) {
                // the service ended
              }
            },
            "service-log");
    drain.setDaemon(true);
    drain.start();
  }

  /** A response body and how long the request took. */
  public record Timed(String body, long nanos) {}
}
