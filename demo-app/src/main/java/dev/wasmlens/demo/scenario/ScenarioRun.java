package dev.wasmlens.demo.scenario;

import dev.wasmlens.demo.tradeoff.ServiceProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One run of one scenario: the service in a JVM of its own under the agent ({@code cpu-time=all}),
 * its load pattern throughout, and the phases warm-up, clean, fault (or a third clean phase for a
 * clean scenario), clean; leaves {@code <scenario>-<run>.jfr} and {@code <scenario>-<run>.truth} in
 * the output folder.
 */
final class ScenarioRun {
  /** The service's heap: small, so that the allocation fault makes G1 collect often. */
  static final String HEAP = "-Xmx256m";

  /** The longest an injector may take to write its line after its duration (a compile ending). */
  static final Duration FAULT_LINE_TIMEOUT = Duration.ofSeconds(30);

  /** How often the runner looks for the injector's line. */
  static final Duration FAULT_LINE_POLL = Duration.ofMillis(50);

  /**
   * Phase lengths.
   *
   * @param warmUp sent but not scored: the service's own first uses and JIT
   * @param clean each clean phase
   * @param fault the fault's phase
   */
  record Timing(Duration warmUp, Duration clean, Duration fault) {
    Duration total() {
      return warmUp.plus(clean).plus(fault).plus(clean);
    }
  }

  private final Scenario scenario;
  private final int run;
  private final Path agentJar;
  private final Path out;
  private final Timing timing;

  ScenarioRun(Scenario scenario, int run, Path agentJar, Path out, Timing timing) {
    this.scenario = scenario;
    this.run = run;
    this.agentJar = agentJar;
    this.out = out;
    this.timing = timing;
  }

  /** The run's base name, {@code <scenario>-<run>}. */
  String baseName() {
    return scenario.name() + "-" + run;
  }

  /**
   * Runs it.
   *
   * @param progress receives a line as each phase starts
   * @return the recording
   */
  Path execute(Consumer<String> progress) throws IOException, InterruptedException {
    Path recording = out.resolve(baseName() + ".jfr");
    ScenarioTruth truth = new ScenarioTruth(out.resolve(baseName() + ".truth"), scenario, run);
    List<String> jvm =
        List.of(
            "-javaagent:" + agentJar + "=jfr.file=" + recording + ",cpu-time=all",
            "-Dotel.service.name=wasmlens-demo-" + scenario.name(),
            HEAP);
    progress.accept(baseName() + ": starting the service (" + scenario.strategy() + ")");
    try (ServiceProcess service =
        ServiceProcess.start(
            jvm,
            scenario.strategy(),
            out.resolve(baseName() + ".log"),
            List.of("--ground-truth", truth.file().toString()))) {
      Thread load =
          new Thread(() -> drive(service), "scenario-load-" + scenario.name() + "-" + run);
      load.setDaemon(true);
      load.start();
      phase(truth, progress, "warm-up", timing.warmUp(), scenario.load().describe());
      phase(truth, progress, "clean", timing.clean(), "before the fault");
      if (scenario.faulty()) {
        service.post("/faults/" + scenario.fault() + "?ms=" + timing.fault().toMillis());
        phase(truth, progress, "fault", timing.fault(), scenario.fault());
      } else {
        phase(truth, progress, "clean", timing.fault(), "in place of a fault");
      }
      phase(truth, progress, "clean", timing.clean(), "after the fault");
      load.join(TimeUnit.SECONDS.toMillis(10));
      if (scenario.faulty()) {
        awaitFaultLine(truth);
      }
    }
    truth.writePhases();
    progress.accept(baseName() + ": wrote " + recording + " and " + truth.file());
    return recording;
  }

  private void drive(ServiceProcess service) {
    try {
      scenario.load().drive(service.uri("/checksum?n=64"), timing.total());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void phase(
      ScenarioTruth truth, Consumer<String> progress, String name, Duration length, String detail)
      throws InterruptedException {
    progress.accept(
        String.format("%s: %s for %.1f s (%s)", baseName(), name, length.toMillis() / 1e3, detail));
    Instant start = Instant.now();
    TimeUnit.MILLISECONDS.sleep(length.toMillis());
    truth.phase(name, start, Instant.now(), detail);
  }

  private void awaitFaultLine(ScenarioTruth truth) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + FAULT_LINE_TIMEOUT.toNanos();
    while (!truth.hasFaultLine(scenario.fault())) {
      if (System.nanoTime() > deadline) {
        throw new IOException(
            scenario.fault() + " wrote no ground-truth line within " + FAULT_LINE_TIMEOUT);
      }
      TimeUnit.MILLISECONDS.sleep(FAULT_LINE_POLL.toMillis());
    }
  }
}
