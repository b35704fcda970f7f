package dev.wasmlens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlens.agent.it.app.CallLoopApp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * A broken collector must cost the application nothing: not latency, not memory, not a hung exit.
 * Every call is made a span (threshold 0) so the exporter is as busy as it can be; calls are timed
 * by the application.
 */
class ExportResilienceIT {
  private static final int CALLS = 60_000;

  /** The exporter's own threads share the two cores with the calls: allow that, not blocking. */
  private static final double P99_RATIO_LIMIT = 2.0;

  private static final long P99_SLACK_NANOS = 50_000;

  /** {@code WasmTelemetry.SHUTDOWN_TIMEOUT} plus time for the JVM to go down. */
  private static final long EXIT_LIMIT_MILLIS = 5_000 + 3_000;

  @Test
  void refusingSilentAndAbsentCollectorsLeaveCallLatencyMemoryAndExitAlone() throws Exception {
    Outcome healthy;
    try (OtlpReceiver receiver = new OtlpReceiver(OtlpReceiver.Behaviour.ACCEPT)) {
      healthy = run("collector-healthy", receiver.endpoint());
    }
    Outcome refusing;
    try (OtlpReceiver receiver = new OtlpReceiver(OtlpReceiver.Behaviour.REFUSE)) {
      refusing = run("collector-refusing", receiver.endpoint());
    }
    Outcome silent;
    try (OtlpReceiver receiver = new OtlpReceiver(OtlpReceiver.Behaviour.NEVER_ANSWER)) {
      silent = run("collector-silent", receiver.endpoint());
    }
    Outcome absent = run("collector-absent", "http://127.0.0.1:" + closedPort());
    // The healthy run again, last: the broken runs are compared with the slower of the two, so a
    // load burst on this machine during one run does not decide the comparison.
    try (OtlpReceiver receiver = new OtlpReceiver(OtlpReceiver.Behaviour.ACCEPT)) {
      Outcome healthyAgain = run("collector-healthy-again", receiver.endpoint());
      System.out.printf("p99 of calls, healthy again: %d ns%n", healthyAgain.p99Nanos);
      if (healthyAgain.p99Nanos > healthy.p99Nanos) {
        healthy = healthyAgain;
      }
    }

    System.out.printf(
        "p99 of calls: healthy %d ns, refusing %d ns, silent %d ns, absent %d ns%n",
        healthy.p99Nanos, refusing.p99Nanos, silent.p99Nanos, absent.p99Nanos);
    System.out.printf(
        "exit after main: healthy %d ms, refusing %d ms, silent %d ms, absent %d ms%n",
        healthy.exitMillis, refusing.exitMillis, silent.exitMillis, absent.exitMillis);
    for (Outcome broken : new Outcome[] {refusing, silent, absent}) {
      assertThat(broken.p99Nanos)
          .as("p99 with a %s collector against a healthy one", broken.name)
          .isLessThanOrEqualTo((long) (healthy.p99Nanos * P99_RATIO_LIMIT) + P99_SLACK_NANOS);
      assertThat(broken.exitMillis)
          .as("exit after main with a %s collector", broken.name)
          .isLessThanOrEqualTo(EXIT_LIMIT_MILLIS);
      assertThat(broken.result.stderr()).as(broken.name).doesNotContain("OutOfMemoryError");
      assertThat(broken.result.stderr())
          .as(broken.name)
          .containsPattern("spans: \\d+ sampled and ended, 0 exported");
    }
    // Every span is accounted for: exported, failed, or dropped from the bounded queue (or still
    // retrying at exit).
    assertThat(healthy.result.stderr())
        .containsPattern("spans: 80006 sampled and ended, [1-9]\\d* exported, 0 failed");
  }

  private static Outcome run(String name, String endpoint) throws Exception {
    long start = System.currentTimeMillis();
    ChildJvm.Result result =
        ChildJvm.app(
                CallLoopApp.class.getName(), ChildJvm.WASM_DIR.toString(), String.valueOf(CALLS))
            .jvmOption("-Xmx64m")
            .env("OTEL_SERVICE_NAME", "call-loop")
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint)
            .env("OTEL_METRICS_EXPORTER", "none")
            .withAgent("spans.call.min-duration=0")
            .run(name);
    long ended = System.currentTimeMillis();
    assertThat(result.exitCode()).as(name + ": " + result.stderr()).isZero();
    assertThat(result.suppressedFailures()).as(name).isZero();
    long mainEnded = value(result.stdout(), "main-ended-at-millis");
    assertThat(mainEnded).isBetween(start, ended);
    return new Outcome(name, result, value(result.stdout(), "p99-nanos"), ended - mainEnded);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static long value(String stdout, String key) {
    return stdout
        .lines()
        .filter(l -> l.startsWith(key + " "))
        .mapToLong(l -> Long.parseLong(l.split(" ")[1]))
        .findFirst()
        .orElseThrow(() -> new AssertionError(key + " missing from " + stdout));
  }

  private record Outcome(String name, ChildJvm.Result result, long p99Nanos, long exitMillis) {}
}
