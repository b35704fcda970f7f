package dev.wasmlens.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import jdk.jfr.Configuration;
import org.junit.jupiter.api.Test;

class AgentCommandsTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void unknownCommandIsAUsageError() {
    assertThat(run("frobnicate")).isEqualTo(AgentCommands.USAGE);
    assertThat(err())
        .startsWith("unknown command 'frobnicate'\nUsage: java -jar wasmlens-agent.jar <command>");
    assertThat(out()).isEmpty();
  }

  @Test
  void noCommandPrintsUsageAsAnError() {
    assertThat(run()).isEqualTo(AgentCommands.USAGE);
    assertThat(err()).startsWith("Usage: ");
  }

  @Test
  void jfcRejectsExtraArguments() {
    assertThat(run("jfc", "profile", "extra")).isEqualTo(AgentCommands.USAGE);
    assertThat(err()).isEqualTo("jfc takes at most one argument, the base settings; got 2\n");
  }

  @Test
  void jfcWithAnUnknownBaseFailsInOneLine() {
    assertThat(run("jfc", "no-such-settings")).isEqualTo(AgentCommands.FAILED);
    assertThat(err()).startsWith("cannot build the settings: ").doesNotContain("\tat ");
    assertThat(err().lines()).hasSize(1);
  }

  @Test
  void jfcWritesTheProfileRefinedForAttribution() throws Exception {
    assertThat(run("jfc")).isEqualTo(AgentCommands.OK);
    Map<String, String> settings = Configuration.create(new StringReader(out())).getSettings();

    assertThat(settings)
        .containsEntry("wasmlens.Call#enabled", "true")
        .containsEntry("wasmlens.Call#threshold", "0 ms")
        .containsEntry("jdk.SafepointEnd#enabled", "true")
        .containsEntry("jdk.SafepointStateSynchronization#threshold", "0 ms")
        .containsEntry("jdk.ExecuteVMOperation#threshold", "0 ms")
        .containsEntry("jdk.Compilation#threshold", "0 ms")
        .containsEntry("jdk.JavaMonitorEnter#threshold", "1 ms")
        .containsEntry("jdk.ThreadPark#threshold", "1 ms");
    // The rest of the profile is kept, for example allocation sampling.
    Map<String, String> profile = Configuration.getConfiguration("profile").getSettings();
    assertThat(settings)
        .containsEntry(
            "jdk.ObjectAllocationSample#enabled",
            profile.get("jdk.ObjectAllocationSample#enabled"));
    assertThat(settings.size()).isGreaterThan(profile.size());
  }

  @Test
  void versionNamesTheAgent() {
    assertThat(run("version")).isEqualTo(AgentCommands.OK);
    assertThat(out()).startsWith("wasmlens-agent ");
  }

  private int run(String... args) {
    return AgentCommands.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
