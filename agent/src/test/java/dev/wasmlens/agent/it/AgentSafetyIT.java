package dev.wasmlens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlens.agent.it.app.ForeignLibrariesApp;
import dev.wasmlens.agent.it.app.NoWasmApp;
import dev.wasmlens.agent.it.app.WasmScenario;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/**
 * The agent never harms the application: its own failures, foreign libraries, an application
 * without wasm.
 */
class AgentSafetyIT {
  @Test
  void failuresInsideTheAgentNeverReachTheApplicationAndAreCounted() throws Exception {
    String main = WasmScenario.class.getName();
    ChildJvm.Result plain = ChildJvm.app(main, ChildJvm.WASM_DIR.toString()).run("injected-plain");
    Path recording = ChildJvm.recordingFile("injected");
    ChildJvm.Result failing =
        ChildJvm.app(main, ChildJvm.WASM_DIR.toString())
            .jvmOption("-Dwasmlens.internal.injectFailures=true")
            .withAgent("jfr.file=" + recording)
            .run("injected-agent");

    assertThat(failing.exitCode()).isZero();
    assertThat(failing.stdout()).isEqualTo(plain.stdout());
    // Every phase recorder threw at its start and at its end; calls begin and end 109 times alone.
    assertThat(failing.suppressedFailures()).isGreaterThan(2 * 109);
    assertThat(failing.stderr())
        .contains("(first: java.lang.IllegalStateException: injected failure in ");
    WasmEvents events = WasmEvents.read(recording);
    assertThat(events.phases()).isEmpty();
    // The recording says it is incomplete, and why.
    RecordedEvent status = events.named(WasmEvents.AGENT_STATUS).get(0);
    assertThat(status.getLong("suppressedFailures")).isEqualTo(failing.suppressedFailures());
    assertThat(status.getString("firstFailure"))
        .startsWith("java.lang.IllegalStateException: injected failure in ");
  }

  @Test
  void anApplicationWithItsOwnByteBuddyAndWeakLockFreeStillWorks() throws Exception {
    String classpath = ChildJvm.APP_CLASSPATH + File.pathSeparator + foreignLibraries();
    Path recording = ChildJvm.recordingFile("foreign");
    ChildJvm.Result result =
        ChildJvm.app(ForeignLibrariesApp.class.getName(), ChildJvm.WASM_DIR.toString())
            .classpath(classpath)
            .withAgent("jfr.file=" + recording)
            .run("foreign-libraries");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout())
        .contains(
            "byte-buddy " + System.getProperty("wasmlens.it.foreignByteBuddyVersion", "1.14.19"))
        .contains("weak-lock-free 0.17")
        .contains("generated app.Generated with the application's ByteBuddy")
        .contains("weak map holds value")
        .contains("done");
    assertThat(result.suppressedFailures()).isZero();
    assertThat(WasmEvents.read(recording).named(WasmEvents.CALL)).hasSizeGreaterThan(100);
  }

  @Test
  void anApplicationThatNeverUsesWasmtimeIsLeftAlone() throws Exception {
    ChildJvm.Result result =
        ChildJvm.app(NoWasmApp.class.getName())
            .withAgent(null)
            .jvmOption(
                "-Xlog:class+load=info:file=" + ChildJvm.WORK_DIR.resolve("no-wasm-classes.log"))
            .run("no-wasm");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).isEqualTo("words: 6\n");
    assertThat(result.instrumentedClasses()).isZero();
    assertThat(result.suppressedFailures()).isZero();
    // Start-up cost stays small because the instrumentation machinery is never loaded.
    String loaded = Files.readString(ChildJvm.WORK_DIR.resolve("no-wasm-classes.log"));
    assertThat(loaded).contains("dev.wasmlens.agent.instrumentation.WasmtimeTransformer ");
    assertThat(loaded)
        .doesNotContain("net.bytebuddy")
        .doesNotContain("dev.wasmlens.agent.bootstrap.jfr");
  }

  @Test
  void aSecondCopyOfTheAgentIsIgnoredAndEveryPhaseIsStillRecordedOnce() throws Exception {
    Path recording = ChildJvm.recordingFile("twice");
    ChildJvm.Result result =
        ChildJvm.app(WasmScenario.class.getName(), ChildJvm.WASM_DIR.toString())
            .jvmOption("-javaagent:" + ChildJvm.AGENT_JAR + "=jfr.file=" + recording)
            .withAgent("debug=true")
            .run("agent-twice");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stderr())
        .contains("is already running in this JVM; ignoring this start and its options")
        .doesNotContain("[wasmlens] instrumented");
    assertThat(result.suppressedFailures()).isZero();
    assertThat(WasmEvents.read(recording).named(WasmEvents.CALL)).hasSize(109);
  }

  @Test
  void disabledByConfigurationTheAgentTouchesNothing() throws Exception {
    ChildJvm.Result result =
        ChildJvm.app(WasmScenario.class.getName(), ChildJvm.WASM_DIR.toString())
            .jvmOption("-Dotel.instrumentation.wasmtime.enabled=false")
            .withAgent(null)
            .run("disabled");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stderr())
        .contains("[wasmlens] agent")
        .contains("disabled by configuration")
        .doesNotContain("[wasmlens] exit:");
  }

  @Test
  void badAgentArgumentsDisableTheAgentInOneLineAndTheApplicationRuns() throws Exception {
    ChildJvm.Result result =
        ChildJvm.app(NoWasmApp.class.getName()).withAgent("jfr.file").run("bad-arguments");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).isEqualTo("words: 6\n");
    assertThat(
            result
                .stderr()
                .lines()
                .filter(line -> line.startsWith("[wasmlens]"))
                .collect(Collectors.toList()))
        .containsExactly(
            "[wasmlens] agent disabled, the application runs without it: java.lang.IllegalArgumentException:"
                + " agent argument 'jfr.file' is not name=value (example: -javaagent:wasmlens-agent.jar=jfr.file=app.jfr)");
    assertThat(result.stderr()).doesNotContain("\tat ");
  }

  private static String foreignLibraries() throws IOException {
    try (Stream<Path> jars = Files.list(Paths.get(System.getProperty("wasmlens.it.foreignLibs")))) {
      return jars.map(Path::toString).sorted().collect(Collectors.joining(File.pathSeparator));
    }
  }
}
