package dev.wasmlens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a child JVM the way a user would: the built agent jar on {@code -javaagent}, the
 * application on its own class path, on the JDK under test ({@code -Dwasmlens.it.javaHome}, else
 * the JDK running the tests).
 */
final class ChildJvm {
  static final Path AGENT_JAR = Paths.get(required("wasmlens.it.agentJar"));
  static final String APP_CLASSPATH = required("wasmlens.it.appClasspath");
  static final Path WORK_DIR = Paths.get(required("wasmlens.it.workDir"));
  static final Path WASM_DIR = Paths.get(APP_CLASSPATH.split(File.pathSeparator)[0], "wasm");
  private static final long TIMEOUT_SECONDS = 180;

  private final List<String> jvmOptions = new ArrayList<>();
  private String agentOptions;
  private boolean withAgent;
  private String classpath = APP_CLASSPATH;
  private final List<String> command = new ArrayList<>();
  private final Map<String, String> environment = new HashMap<>();

  private ChildJvm() {}

  static ChildJvm app(String mainClass, String... args) {
    ChildJvm jvm = new ChildJvm();
    jvm.command.add(mainClass);
    jvm.command.addAll(Arrays.asList(args));
    return jvm;
  }

  static ChildJvm jar(Path jar, String... args) {
    ChildJvm jvm = new ChildJvm();
    jvm.classpath = null;
    jvm.command.add("-jar");
    jvm.command.add(jar.toString());
    jvm.command.addAll(Arrays.asList(args));
    return jvm;
  }

  /**
   * Runs under the OpenTelemetry Java agent with WasmLens as its extension; WasmLens's settings go
   * as system properties ({@code -Dwasmlens.NAME=value}).
   */
  ChildJvm withOtelExtension(String... wasmlensSettings) {
    jvmOptions.add("-javaagent:" + System.getProperty("wasmlens.it.otelJavaagent"));
    jvmOptions.add(
        "-Dotel.javaagent.extensions=" + System.getProperty("wasmlens.it.otelExtensionJar"));
    for (String setting : wasmlensSettings) {
      jvmOptions.add("-Dwasmlens." + setting);
    }
    return this;
  }

  /** Attaches the agent jar with {@code options} ({@code name=value,...}; null for none). */
  ChildJvm withAgent(String options) {
    withAgent = true;
    agentOptions = options;
    return this;
  }

  ChildJvm jvmOption(String option) {
    jvmOptions.add(option);
    return this;
  }

  /** Sets an environment variable of the child, for example {@code OTEL_SERVICE_NAME}. */
  ChildJvm env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Has the agent export spans and metrics to {@code receiver} over OTLP, metrics at exit only. */
  ChildJvm exportingTo(OtlpReceiver receiver) {
    return env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
        .env("OTEL_METRIC_EXPORT_INTERVAL", OtlpReceiver.METRICS_AT_EXIT_ONLY);
  }

  ChildJvm classpath(String classpath) {
    this.classpath = classpath;
    return this;
  }

  /** The JDK the child runs on. */
  static Path javaHome() {
    String configured = System.getProperty("wasmlens.it.javaHome");
    return Paths.get(
        configured == null || configured.isBlank() ? System.getProperty("java.home") : configured);
  }

  /** Runs the child to completion; fails the test if it does not end in time. */
  Result run(String name) throws IOException, InterruptedException {
    return start(name).finish();
  }

  /** Starts the child; {@link Running#finish} waits for it to end. */
  Running start(String name) throws IOException {
    Files.createDirectories(WORK_DIR);
    List<String> line = new ArrayList<>();
    line.add(javaHome().resolve("bin").resolve("java").toString());
    line.addAll(jvmOptions);
    if (withAgent) {
      line.add("-javaagent:" + AGENT_JAR + (agentOptions == null ? "" : "=" + agentOptions));
    }
    if (classpath != null) {
      line.add("-cp");
      line.add(classpath);
    }
    line.addAll(command);
    Path stdout = WORK_DIR.resolve(name + ".out");
    Path stderr = WORK_DIR.resolve(name + ".err");
    ProcessBuilder builder =
        new ProcessBuilder(line).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    // The child sees no OpenTelemetry settings but the test's own.
    builder.environment().keySet().removeIf(variable -> variable.startsWith("OTEL_"));
    builder.environment().putAll(environment);
    return new Running(name, line, builder.start(), stdout, stderr);
  }

  /** A child JVM that was started and may still run. */
  static final class Running {
    private final String name;
    private final List<String> line;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private Running(String name, List<String> line, Process process, Path stdout, Path stderr) {
      this.name = name;
      this.line = line;
      this.process = process;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    long pid() {
      return process.pid();
    }

    /** Waits until the child has printed a line equal to {@code expected} on standard output. */
    void awaitLine(String expected) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
      while (!Files.readAllLines(stdout, StandardCharsets.UTF_8).contains(expected)) {
        assertThat(process.isAlive())
            .as("child JVM %s is still running, waiting for '%s'", name, expected)
            .isTrue();
        assertThat(System.nanoTime()).as("'%s' printed in time", expected).isLessThan(deadline);
        Thread.sleep(50);
      }
    }

    /** Waits for the child to end; fails the test if it does not end in time. */
    Result finish() throws IOException, InterruptedException {
      boolean ended = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!ended) {
        process.destroyForcibly();
      }
      assertThat(ended)
          .as("child JVM %s ended within %d s: %s", name, TIMEOUT_SECONDS, line)
          .isTrue();
      return new Result(
          process.exitValue(),
          Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    }
  }

  /** Where a child's recording should go. */
  static Path recordingFile(String name) throws IOException {
    Files.createDirectories(WORK_DIR);
    Path file = WORK_DIR.resolve(name + ".jfr");
    Files.deleteIfExists(file);
    return file;
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException(
          property + " is not set: run the integration tests through Maven (mvn verify)");
    }
    return value;
  }

  /** What a child JVM did. */
  record Result(int exitCode, String stdout, String stderr) {
    /**
     * The agent's "N internal failures suppressed" count from its exit line; fails if the line is
     * missing.
     */
    long suppressedFailures() {
      for (String line : stderr.split("\n")) {
        if (line.startsWith("[wasmlens] exit: ")) {
          String[] words = line.split(" ");
          for (int i = 1; i < words.length; i++) {
            if (words[i].equals("internal")) {
              return Long.parseLong(words[i - 1]);
            }
          }
        }
      }
      throw new AssertionError("no exit line from the agent in stderr:\n" + stderr);
    }

    /** The agent's count of instrumented classes from its exit line. */
    long instrumentedClasses() {
      for (String line : stderr.split("\n")) {
        if (line.startsWith("[wasmlens] exit: ")) {
          return Long.parseLong(line.substring("[wasmlens] exit: ".length()).split(" ")[0]);
        }
      }
      throw new AssertionError("no exit line from the agent in stderr:\n" + stderr);
    }
  }
}
