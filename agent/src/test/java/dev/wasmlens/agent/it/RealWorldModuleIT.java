package dev.wasmlens.agent.it;

import static dev.wasmlens.agent.it.WasmEvents.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlens.agent.it.app.Wat2WasmApp;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/** A real WASI command, wabt's wat2wasm (about 1.5 MB, about 1 s to compile), under the agent. */
class RealWorldModuleIT {
  @Test
  void wat2wasmCompilesInstantiatesRunsAndTearsDown() throws Exception {
    Path recording = ChildJvm.recordingFile("wat2wasm");
    Path output = ChildJvm.WORK_DIR.resolve("wat2wasm-output");
    ChildJvm.Result result =
        ChildJvm.app(
                Wat2WasmApp.class.getName(),
                ChildJvm.WASM_DIR.resolve("add.wat").toString(),
                output.toString())
            .withAgent("jfr.file=" + recording)
            .run("wat2wasm");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    // wat2wasm wrote the same 41-byte module as the committed fixture.
    assertThat(result.stdout()).contains("output bytes 41");
    assertThat(result.suppressedFailures()).isZero();

    WasmEvents events = WasmEvents.read(recording);
    List<RecordedEvent> compiles = events.named(WasmEvents.COMPILE);
    assertThat(compiles).hasSize(1);
    RecordedEvent compile = compiles.get(0);
    assertThat(compile.getLong("moduleSize")).isGreaterThan(1_000_000);
    assertThat(compile.getString("outcome")).isEqualTo("ok");
    assertThat(compile.getDuration().toMillis())
        .as("a 1.5 MB module takes more than a trivial compile")
        .isGreaterThan(20);
    String module = compile.getString("module");

    List<RecordedEvent> instantiations = events.named(WasmEvents.INSTANTIATE);
    assertThat(instantiations).hasSize(1);
    assertThat(instantiations.get(0).getBoolean("viaLinker")).isTrue();
    assertThat(instantiations.get(0).getString("module")).isEqualTo(module);

    List<RecordedEvent> calls = events.where(WasmEvents.CALL, field("export", "_start"));
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).getString("module")).isEqualTo(module);
    assertThat(calls.get(0).getString("outcome")).isIn("ok", "exit");
    assertThat(events.where(WasmEvents.TEARDOWN, field("kind", "Module")))
        .extracting(e -> e.getString("module"))
        .containsExactly(module);
  }
}
