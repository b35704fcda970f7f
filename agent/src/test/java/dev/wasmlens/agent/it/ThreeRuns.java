package dev.wasmlens.agent.it;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;

/**
 * One test app run three ways, for the tests of which calls the agent keeps as events: without the
 * agent, with it at its default settings, and in a diagnosis ({@code wasmlens.diagnosis=true}), the
 * last two recorded.
 */
final class ThreeRuns {
  final ChildJvm.Result bare;
  final ChildJvm.Result production;
  final WasmEvents productionEvents;
  final ChildJvm.Result diagnosis;
  final WasmEvents diagnosisEvents;

  private ThreeRuns(
      ChildJvm.Result bare,
      ChildJvm.Result production,
      WasmEvents productionEvents,
      ChildJvm.Result diagnosis,
      WasmEvents diagnosisEvents) {
    this.bare = bare;
    this.production = production;
    this.productionEvents = productionEvents;
    this.diagnosis = diagnosis;
    this.diagnosisEvents = diagnosisEvents;
  }

  /** Runs {@code app} (its argument: the test guests' directory) as {@code name}-bare and so on. */
  static ThreeRuns of(Class<?> app, String name) throws Exception {
    ChildJvm.Result bare = child(app).run(name + "-bare");
    Path recording = ChildJvm.recordingFile(name + "-production");
    ChildJvm.Result production =
        child(app).withAgent("jfr.file=" + recording).run(name + "-production");
    Path diagnosisRecording = ChildJvm.recordingFile(name + "-diagnosis");
    ChildJvm.Result diagnosis =
        child(app)
            .withAgent("jfr.file=" + diagnosisRecording + ",diagnosis=true")
            .run(name + "-diagnosis");
    return new ThreeRuns(
        bare,
        production,
        WasmEvents.read(recording),
        diagnosis,
        WasmEvents.read(diagnosisRecording));
  }

  /**
   * Escape analysis off, so that the app allocates the same in every run: with it on, whether the
   * JIT removes one of wasmtime-java's own per-call arrays depended on inlining (192 or 216 bytes a
   * host call, with or without the agent), and the agent must allocate nothing without its help.
   */
  static ChildJvm child(Class<?> app) {
    return ChildJvm.app(app.getName(), ChildJvm.WASM_DIR.toString())
        .jvmOption("-XX:-DoEscapeAnalysis");
  }

  List<ChildJvm.Result> all() {
    return List.of(bare, production, diagnosis);
  }

  /**
   * The events that started in the app's mixed phase, between its {@code mixed-from-epoch-millis}
   * and {@code mixed-to-epoch-millis}.
   */
  static List<RecordedEvent> inMixedPhase(List<RecordedEvent> events, Map<String, Long> made) {
    Instant from = Instant.ofEpochMilli(made.get("mixed-from-epoch-millis"));
    Instant to = Instant.ofEpochMilli(made.get("mixed-to-epoch-millis"));
    return events.stream()
        .filter(e -> !e.getStartTime().isBefore(from) && e.getStartTime().isBefore(to))
        .collect(Collectors.toList());
  }
}
