package dev.wasmlens.agent.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** The wasmlens events of a recording, in start-time order. */
final class WasmEvents {
  static final String COMPILE = "wasmlens.Compile";
  static final String INSTANTIATE = "wasmlens.Instantiate";
  static final String CALL = "wasmlens.Call";
  static final String HOST_CALL = "wasmlens.HostCall";
  static final String TEARDOWN = "wasmlens.Teardown";
  static final String STORE_CREATE = "wasmlens.StoreCreate";
  static final String AGENT_STATUS = "wasmlens.AgentStatus";
  static final String CALL_HISTOGRAM = "wasmlens.CallHistogram";
  static final String HOST_CALL_HISTOGRAM = "wasmlens.HostCallHistogram";
  static final List<String> PHASES =
      List.of(COMPILE, STORE_CREATE, INSTANTIATE, CALL, HOST_CALL, TEARDOWN);

  final List<RecordedEvent> all;

  private WasmEvents(List<RecordedEvent> all) {
    this.all = all;
  }

  static WasmEvents read(Path recording) throws IOException {
    List<RecordedEvent> events =
        RecordingFile.readAllEvents(recording).stream()
            .filter(e -> e.getEventType().getName().startsWith("wasmlens."))
            .sorted((a, b) -> a.getStartTime().compareTo(b.getStartTime()))
            .collect(Collectors.toList());
    return new WasmEvents(events);
  }

  /** The events of every wasm phase, without the agent's status. */
  List<RecordedEvent> phases() {
    return all.stream()
        .filter(e -> PHASES.contains(e.getEventType().getName()))
        .collect(Collectors.toList());
  }

  List<RecordedEvent> named(String eventName) {
    return where(eventName, e -> true);
  }

  List<RecordedEvent> where(String eventName, Predicate<RecordedEvent> condition) {
    return all.stream()
        .filter(e -> e.getEventType().getName().equals(eventName))
        .filter(condition)
        .collect(Collectors.toList());
  }

  static Predicate<RecordedEvent> field(String name, Object value) {
    return e -> value.equals(e.getValue(name));
  }
}
