package dev.wasmlens.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** Options every benchmark takes: where the jars are, how many rounds. */
final class CommonOptions {
  @Option(names = "--agent", description = "The WasmLens agent jar (default: ${DEFAULT-VALUE}).")
  Path agent = Paths.get("agent/target/wasmlens-agent.jar");

  @Option(
      names = "--otel-javaagent",
      description = "The OpenTelemetry Java agent jar (default: ${DEFAULT-VALUE}).")
  Path otelJavaagent = Paths.get("benchmarks/target/opentelemetry-javaagent.jar");

  @Option(
      names = "--otel-extension",
      description = "WasmLens's OpenTelemetry agent extension (default: ${DEFAULT-VALUE}).")
  Path otelExtension = Paths.get("agent/target/wasmlens-otel-extension.jar");

  @Option(
      names = "--rounds",
      description = "Child JVMs per configuration, interleaved (default: ${DEFAULT-VALUE}).")
  int rounds = 5;

  @Option(
      names = "--work",
      description = "Where children write recordings and logs (default: ${DEFAULT-VALUE}).")
  Path work = Paths.get("target/bench");

  @Option(
      names = "--configurations",
      split = ",",
      description =
          "Only these of the benchmark's configurations (the run without the agent always runs, as"
              + " the baseline): ${COMPLETION-CANDIDATES}.")
  List<Configuration> only = List.of();

  /** The configurations of {@code measured} that {@code --configurations} selects, in order. */
  List<Configuration> selected(List<Configuration> measured) {
    return only.isEmpty()
        ? measured
        : measured.stream()
            .filter(c -> c == Configuration.BARE || only.contains(c))
            .collect(Collectors.toList());
  }

  /** Checks the options and the jars; {@code otlpEndpoint} may be null. */
  Configuration.Tools tools(String otlpEndpoint) throws Exception {
    if (rounds < 1) {
      throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
    }
    for (Path jar : new Path[] {agent, otelJavaagent, otelExtension}) {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalArgumentException(
            jar + " is missing: build first (mvn -B -q -DskipTests package)");
      }
    }
    Files.createDirectories(work);
    return new Configuration.Tools(
        Paths.get(System.getProperty("java.home"), "bin", "java"),
        benchJar(),
        agent.toAbsolutePath(),
        otelJavaagent.toAbsolutePath(),
        otelExtension.toAbsolutePath(),
        otlpEndpoint);
  }

  private static Path benchJar() throws URISyntaxException {
    return Paths.get(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
