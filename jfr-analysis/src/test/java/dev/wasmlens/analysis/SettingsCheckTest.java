package dev.wasmlens.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The settings check against real JFR configurations: the agent's own settings over the JDK's
 * profile support every rule; the JDK's default leaves out what the rules declare they need.
 */
class SettingsCheckTest {
  private static final Path AGENT_SETTINGS = Path.of("../agent/src/main/resources/wasmlens.jfc");

  @Test
  void theAgentsSettingsSupportEveryRule() throws Exception {
    Map<String, String> settings =
        new HashMap<>(Configuration.getConfiguration("profile").getSettings());
    settings.putAll(Configuration.create(AGENT_SETTINGS).getSettings());
    assertThat(SettingsCheck.warnings(settings)).isEmpty();
  }

  @Test
  void theJdksDefaultSettingsGetOneLinePerMissingEventNamingTheRulesThatNeedIt() throws Exception {
    List<String> warnings =
        SettingsCheck.warnings(Configuration.getConfiguration("default").getSettings());
    assertThat(warnings)
        .anySatisfy(
            w ->
                assertThat(w)
                    .startsWith(
                        "jdk.ThreadPark had a threshold of 20 ms (at most 1 ms needed): shorter"
                            + " parks are missing (ContentionRule);"))
        .anySatisfy(
            w ->
                assertThat(w)
                    .startsWith("jdk.SafepointEnd was off: safepoint pauses are missing")
                    .contains("(PauseRule)"))
        .anySatisfy(
            w ->
                assertThat(w)
                    .startsWith("wasmlens.ThreadSample was off")
                    .contains("GcThreadsRule, CompilerThreadsRule, RunQueueRule, StolenTimeRule"))
        .anySatisfy(w -> assertThat(w).startsWith("jdk.Compilation had a threshold of 1000 ms"));
    // One line per event, however many rules read it.
    assertThat(warnings.stream().map(w -> w.substring(0, w.indexOf(' ')))).doesNotHaveDuplicates();
    assertThat(warnings)
        .allSatisfy(w -> assertThat(w).contains("record with the agent's settings"));
  }

  @Test
  void aRecordingWithoutSettingsGetsNoWarnings() {
    assertThat(SettingsCheck.warnings(Map.of())).isEmpty();
  }
}
