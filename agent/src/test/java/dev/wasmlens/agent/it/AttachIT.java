package dev.wasmlens.agent.it;

import static dev.wasmlens.agent.it.WasmEvents.CALL;
import static dev.wasmlens.agent.it.WasmEvents.COMPILE;
import static dev.wasmlens.agent.it.WasmEvents.HOST_CALL;
import static dev.wasmlens.agent.it.WasmEvents.INSTANTIATE;
import static dev.wasmlens.agent.it.WasmEvents.STORE_CREATE;
import static dev.wasmlens.agent.it.WasmEvents.TEARDOWN;
import static dev.wasmlens.agent.it.WasmEvents.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlens.agent.it.app.AttachTargetApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar wasmlens-agent.jar attach PID}: the agent loaded into a service already running
 * wasm on two threads. Classes loaded before the attach are retransformed (Java methods only), so
 * what needs the native wrappers or happened before the attach is missing, as docs/running.md says;
 * everything else is recorded from the attach on, and no call of the service fails.
 */
class AttachIT {
  @Test
  void attachingToARunningServiceRecordsFromThenOnWithoutFailingACall() throws Exception {
    Path goFile = ChildJvm.WORK_DIR.resolve("attach-go");
    Files.deleteIfExists(goFile);
    Path recording = ChildJvm.recordingFile("attached");
    ChildJvm.Running service =
        ChildJvm.app(
                AttachTargetApp.class.getName(), ChildJvm.WASM_DIR.toString(), goFile.toString())
            .start("attach-target");
    service.awaitLine("ready");
    // Let it run under load before the attach.
    Thread.sleep(500);

    Instant attachStarted = Instant.now();
    ChildJvm.Result attach =
        ChildJvm.jar(
                ChildJvm.AGENT_JAR,
                "attach",
                String.valueOf(service.pid()),
                "jfr.file=" + recording + ",cpu-time=all")
            .run("attach-command");
    Files.createFile(goFile);
    ChildJvm.Result result = service.finish();

    assertThat(attach.exitCode()).as(attach.stderr()).isZero();
    assertThat(attach.stdout()).contains("attached to process " + service.pid());
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    Matcher counts = Pattern.compile("calls (\\d+) failures (\\d+)").matcher(result.stdout());
    assertThat(counts.find()).as(result.stdout()).isTrue();
    assertThat(Long.parseLong(counts.group(1))).isGreaterThan(4_000);
    assertThat(Long.parseLong(counts.group(2))).as("failed calls").isZero();
    assertThat(result.stderr())
        .contains("[wasmlens] agent")
        .contains("attached to a running JVM: the wasmtime-java classes already loaded were")
        .doesNotContain("call failed");
    assertThat(result.suppressedFailures()).isZero();

    WasmEvents events = WasmEvents.read(recording);
    for (String phase :
        new String[] {CALL, HOST_CALL, COMPILE, STORE_CREATE, INSTANTIATE, TEARDOWN}) {
      assertThat(events.named(phase)).as(phase + " events after the attach").isNotEmpty();
      assertThat(events.named(phase))
          .allSatisfy(e -> assertThat(e.getStartTime()).isAfter(attachStarted));
    }
    // Calls of the instance made after the attach know their export; the steady thread's function
    // was looked up before it, so its calls do not.
    assertThat(events.where(CALL, field("export", "add"))).isNotEmpty();
    assertThat(events.where(CALL, e -> e.getString("export") == null)).isNotEmpty();
    assertThat(events.named(CALL))
        .allSatisfy(e -> assertThat(e.getLong("cpuTime")).isNotNegative());
    // Linker was first loaded after the attach: instrumented with its native dispose() wrapped,
    // next
    // to the retransformed close(); each linker and its instantiation counts once.
    Matcher linkers = Pattern.compile("linkers (\\d+)").matcher(result.stdout());
    assertThat(linkers.find()).as(result.stdout()).isTrue();
    long linkerCount = Long.parseLong(linkers.group(1));
    assertThat(linkerCount).isPositive();
    assertThat(events.where(TEARDOWN, field("kind", "Linker"))).hasSize((int) linkerCount);
    assertThat(events.where(INSTANTIATE, field("viaLinker", true))).hasSize((int) linkerCount);
    // Store teardowns are seen through close(): as many as the stores created after the attach,
    // plus at most the two made before it and closed after (the steady thread's, and the one of
    // the round the attach fell into).
    int storesCreated = events.named(STORE_CREATE).size();
    assertThat(events.where(TEARDOWN, field("kind", "Store")).size() - storesCreated)
        .isBetween(0, 2);
    assertThat(events.named(STORE_CREATE))
        .allSatisfy(e -> assertThat(e.getLong("storeId")).isPositive());
    RecordedEvent compile = events.named(COMPILE).get(0);
    assertThat(compile.getString("outcome")).isEqualTo("ok");
    assertThat(compile.getString("module")).startsWith("sha256:");
  }
}
