package dev.wasmlens.demo.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scenarios}: runs the fault suite, each scenario {@code --runs} times, one service JVM per
 * run, and leaves {@code <scenario>-<run>.jfr}, {@code .truth} and the service's {@code .log} in
 * the output folder, for {@code wasmlens-bench fault-score}.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "scenarios",
    description =
        "Run the fault suite under the agent: per scenario and run a recording and its ground"
            + " truth (docs/fault-suite.md).")
public final class ScenariosCommand implements Callable<Integer> {
  @Option(
      names = "--out",
      description = "Output folder, created if needed (default: ${DEFAULT-VALUE}).")
  Path out = Paths.get("fault-suite");

  @Option(names = "--runs", description = "Runs of each scenario (default: ${DEFAULT-VALUE}).")
  int runs = 2;

  @Option(
      names = "--scenario",
      split = ",",
      description = "Only these scenarios (default: all of them).")
  List<String> only = new ArrayList<>();

  @Option(names = "--agent", description = "The WasmLens agent jar (default: ${DEFAULT-VALUE}).")
  Path agent = Paths.get("agent/target/wasmlens-agent.jar");

  @Option(names = "--warmup-seconds", description = "Sent, not scored (default: ${DEFAULT-VALUE}).")
  long warmUpSeconds = 3;

  @Option(
      names = "--clean-seconds",
      description = "Each clean phase, before and after the fault (default: ${DEFAULT-VALUE}).")
  long cleanSeconds = 4;

  @Option(names = "--fault-seconds", description = "The fault's phase (default: ${DEFAULT-VALUE}).")
  long faultSeconds = 4;

  @Override
  public Integer call() throws Exception {
    if (runs < 1 || warmUpSeconds < 0 || cleanSeconds < 1 || faultSeconds < 1) {
      throw new IllegalArgumentException(
          "--runs, --clean-seconds and --fault-seconds must be at least 1, --warmup-seconds at"
              + " least 0");
    }
    List<Scenario> chosen = new ArrayList<>();
    for (String name : only) {
      chosen.add(
          Scenarios.named(name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown scenario '"
                              + name
                              + "'; choose from "
                              + Scenarios.ALL.stream()
                                  .map(Scenario::name)
                                  .collect(Collectors.joining(", ")))));
    }
    if (chosen.isEmpty()) {
      chosen.addAll(Scenarios.ALL);
    }
    if (!Files.isRegularFile(agent)) {
      throw new IllegalArgumentException(
          "no agent jar at " + agent + "; build it (mvn -DskipTests package) or pass --agent");
    }
    Files.createDirectories(out);
    ScenarioRun.Timing timing =
        new ScenarioRun.Timing(
            Duration.ofSeconds(warmUpSeconds),
            Duration.ofSeconds(cleanSeconds),
            Duration.ofSeconds(faultSeconds));
    for (Scenario scenario : chosen) {
      for (int run = 1; run <= runs; run++) {
        new ScenarioRun(scenario, run, agent.toAbsolutePath(), out.toAbsolutePath(), timing)
            .execute(
                line -> {
                  System.out.println(line);
                  System.out.flush();
                });
      }
    }
    return 0;
  }
}
