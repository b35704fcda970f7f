package dev.wasmlens.agent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlens.agent.bootstrap.jfr.CallEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The call-depth invariant: only the outermost call on a thread is recorded, however calls nest or
 * fail.
 */
class CallPhaseTest {
  @TempDir Path temp;

  @Test
  void onlyTheOutermostCallIsRecordedAndHostTimeIsItsOwn() throws Exception {
    Object func = new Object();
    Object store = new Object();
    List<RecordedEvent> calls =
        record(
            () -> {
              CallEvent outer = CallPhase.begin(func, store);
              CallEvent nested = CallPhase.begin(func, store);
              assertThat(nested).isNull();
              CallPhase.end(nested, null);
              CallPhase.end(outer, new IllegalStateException("boom"));
              CallEvent next = CallPhase.begin(func, store);
              assertThat(next).isNotNull();
              CallPhase.end(next, null);
            });

    assertThat(calls).extracting(e -> e.getString("outcome")).containsExactly("error", "ok");
    assertThat(calls.get(0).getString("failure"))
        .isEqualTo("java.lang.IllegalStateException: boom");
    // Objects the agent never saw created have no identity: the fields stay empty rather than
    // wrong.
    assertThat(calls.get(0).getString("export")).isNull();
    assertThat(calls.get(0).getLong("storeId")).isZero();
  }

  @Test
  void anUnmatchedEndNeverDrivesTheDepthBelowZero() throws Exception {
    List<RecordedEvent> calls =
        record(
            () -> {
              CallPhase.end(null, null);
              CallEvent call = CallPhase.begin(new Object(), new Object());
              assertThat(call).isNotNull();
              CallPhase.end(call, null);
            });
    assertThat(calls).hasSize(1);
  }

  @Test
  void aCallThatBeganBeforeTheRecordingStartedIsLeftOutNotRecordedWithMadeUpClocks()
      throws Exception {
    CallEvent early = CallPhase.begin(new Object(), new Object());
    List<RecordedEvent> calls = record(() -> CallPhase.end(early, null));
    assertThat(calls).isEmpty();
  }

  private List<RecordedEvent> record(Runnable action) throws Exception {
    Path file = temp.resolve("calls.jfr");
    try (Recording recording = new Recording()) {
      recording.enable(CallEvent.class).withoutThreshold();
      recording.start();
      action.run();
      recording.stop();
      recording.dump(file);
    }
    assertThat(Files.size(file)).isPositive();
    return RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.getEventType().getName().equals("wasmlens.Call"))
        .collect(Collectors.toList());
  }
}
