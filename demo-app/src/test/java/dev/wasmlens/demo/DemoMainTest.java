package dev.wasmlens.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exit codes and one-line errors of the command line. */
class DemoMainTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void captureErr() {
    originalErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreErr() {
    System.setErr(originalErr);
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"tradeoffs", "serve", "load", "sample", "scenarios"}) {
      assertThat(DemoMain.execute(command, "--help")).as(command).isZero();
    }
  }

  @Test
  void aMalformedOptionIsAUsageError() {
    assertThat(DemoMain.execute("load", "--rate", "fast", "http://127.0.0.1/")).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "wasmlens-demo: Invalid value for option '--rate': 'fast' is not a double (see --help)\n");
  }

  @Test
  void anUnknownStrategyFailsInOneLine() {
    assertThat(DemoMain.execute("serve", "--port", "0", "--strategy", "fastest")).isEqualTo(1);
    assertThat(err())
        .isEqualTo(
            "wasmlens-demo: unknown strategy 'fastest'; choose one of cold, fresh-instance, prewarmed-pool,"
                + " dynamic-pool, hybrid, shared, shared-store\n");
  }

  @Test
  void theLoadGeneratorRefusesOtherHosts() {
    assertThat(DemoMain.execute("load", "http://192.168.1.10/checksum?n=1")).isEqualTo(1);
    assertThat(err())
        .isEqualTo(
            "wasmlens-demo: the load generator only targets loopback addresses, not http://192.168.1.10/checksum?n=1\n");
  }

  @Test
  void anUnknownScenarioFailsInOneLineNamingTheScenarios() {
    assertThat(DemoMain.execute("scenarios", "--scenario", "alloc-gc,nope")).isEqualTo(1);
    assertThat(err())
        .isEqualTo(
            "wasmlens-demo: unknown scenario 'nope'; choose from alloc-gc, cpu-hog, host-block,"
                + " reentrant-lock, large-memory, class-gen, clean-idle, clean-steady,"
                + " clean-bursty\n");
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
