package dev.wasmlens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlens.agent.it.app.ChurnApp;
import org.junit.jupiter.api.Test;

/** What the agent attaches to wasm objects goes away with them, disposed or merely dropped. */
class IdentityRetentionIT {
  private static final int ROUNDS = 4000;

  /** The engine, the module and a few objects the last GC may not have cleared yet. */
  private static final int MAX_TRACKED_AFTER_GC = 50;

  @Test
  void droppedObjectsAreNotRetained() throws Exception {
    ChildJvm.Result result =
        ChildJvm.app(ChurnApp.class.getName(), ChildJvm.WASM_DIR.toString(), String.valueOf(ROUNDS))
            .jvmOption("-Xmx64m")
            .withAgent(null)
            .run("churn");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    long trackedBefore = value(result.stdout(), "tracked-before-gc");
    long trackedAfter = value(result.stdout(), "tracked-after-gc");
    // Each round attaches facts to a store, an instance and a function.
    assertThat(trackedBefore).as("objects tracked while they may still be reachable").isPositive();
    assertThat(trackedAfter).isLessThanOrEqualTo(MAX_TRACKED_AFTER_GC);
    assertThat(result.suppressedFailures()).isZero();
  }

  private static long value(String stdout, String key) {
    return stdout
        .lines()
        .filter(line -> line.startsWith(key + " "))
        .mapToLong(line -> Long.parseLong(line.split(" ")[1]))
        .findFirst()
        .orElseThrow(() -> new AssertionError(key + " missing from:\n" + stdout));
  }
}
