package dev.wasmlens.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmlens.agent.bootstrap.ThreadCpuClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AgentConfigTest {
  @Test
  void malformedAgentArgumentsAreRejectedWithAnExample() {
    assertThatThrownBy(() -> AgentConfig.read("jfr.file", new Properties(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "agent argument 'jfr.file' is not name=value (example: -javaagent:wasmlens-agent.jar=jfr.file=app.jfr)");
  }

  @Test
  void defaultsWhenNothingIsSet() {
    AgentConfig config = AgentConfig.read(null, new Properties(), Map.of());
    assertThat(config.enabled()).isTrue();
    assertThat(config.jfrFile()).isNull();
    assertThat(config.jfrBase()).isEqualTo("profile");
    assertThat(config.debug()).isFalse();
  }

  @Test
  void agentArgumentsWinOverSystemPropertiesWhichWinOverTheEnvironment() {
    Properties properties = new Properties();
    properties.setProperty("wasmlens.jfr.file", "from-property.jfr");
    properties.setProperty("wasmlens.jfr.base", "default");
    Map<String, String> environment =
        Map.of(
            "WASMLENS_JFR_FILE",
            "from-env.jfr",
            "WASMLENS_JFR_BASE",
            "env.jfc",
            "WASMLENS_DEBUG",
            "true");

    AgentConfig config = AgentConfig.read("jfr.file=from-args.jfr", properties, environment);

    assertThat(config.jfrFile()).isEqualTo("from-args.jfr");
    assertThat(config.jfrBase()).isEqualTo("default");
    assertThat(config.debug()).isTrue();
  }

  @Test
  void theThreadSamplerRunsOnlyInADiagnosisRecordingEveryFortyMillisecondsUnlessSetOtherwise() {
    assertThat(samplerPeriod(null)).isZero();
    assertThat(samplerPeriod("cpu-time=setup,sampler.period=5ms")).isZero();
    assertThat(samplerPeriod("cpu-time=all")).isEqualTo(40);
    assertThat(samplerPeriod("cpu-time=all,sampler.period=25ms")).isEqualTo(25);
    assertThat(samplerPeriod("cpu-time=all,sampler.period=5")).isEqualTo(5);
    assertThat(samplerPeriod("cpu-time=all,sampler.period=off")).isZero();
    assertThat(samplerPeriod("cpu-time=all,sampler.period=fast")).isEqualTo(40);
    assertThat(samplerPeriod("cpu-time=all,sampler.period=0")).isEqualTo(40);
  }

  @Test
  void diagnosisIsOneSwitchForCpuTimeAllAndTheSampler() {
    assertThat(config(null).diagnosis()).isFalse();
    assertThat(config(null).cpuTime()).isEqualTo(ThreadCpuClock.Scope.SET_UP);
    assertThat(config("diagnosis=true").cpuTime()).isEqualTo(ThreadCpuClock.Scope.ALL);
    assertThat(config("diagnosis=TRUE,cpu-time=all").cpuTime()).isEqualTo(ThreadCpuClock.Scope.ALL);
    assertThat(samplerPeriod("diagnosis=true")).isEqualTo(40);
    // A diagnosis that says otherwise about the CPU clock is refused where options are checked,
    // and stays a diagnosis where the agent starts.
    assertThatThrownBy(() -> config("diagnosis=true,cpu-time=setup").checkedCpuTime())
        .hasMessage("wasmlens.cpu-time is 'setup' but wasmlens.diagnosis is true; drop one");
    assertThat(config("diagnosis=true,cpu-time=setup").cpuTime())
        .isEqualTo(ThreadCpuClock.Scope.ALL);
    assertThat(samplerPeriod("diagnosis=true,cpu-time=setup")).isEqualTo(40);
    // Not a boolean: said once, however often it is read, and no diagnosis.
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
    try {
      AgentConfig yes = config("diagnosis=yes");
      assertThat(yes.diagnosis()).isFalse();
      assertThat(yes.cpuTime()).isEqualTo(ThreadCpuClock.Scope.SET_UP);
      assertThat(yes.samplerPeriodMillis()).isZero();
    } finally {
      System.setErr(stderr);
    }
    assertThat(said.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "[wasmlens] wasmlens.diagnosis is 'yes'; it must be true or false, using false");
  }

  private static AgentConfig config(String agentArgs) {
    return AgentConfig.read(agentArgs, new Properties(), Map.of());
  }

  private static long samplerPeriod(String agentArgs) {
    return AgentConfig.read(agentArgs, new Properties(), Map.of()).samplerPeriodMillis();
  }

  @Test
  void agentArgumentsMayCarryThePrefix() {
    AgentConfig config =
        AgentConfig.read("wasmlens.debug=true, jfr.file = a.jfr ", new Properties(), Map.of());
    assertThat(config.debug()).isTrue();
    assertThat(config.jfrFile()).isEqualTo("a.jfr");
  }

  @Test
  void theOpenTelemetrySwitchTurnsTheAgentOffUnlessWasmlensEnabledSaysOtherwise() {
    Properties properties = new Properties();
    properties.setProperty("otel.instrumentation.wasmtime.enabled", "false");
    assertThat(AgentConfig.read(null, properties, Map.of()).enabled()).isFalse();
    assertThat(
            AgentConfig.read(
                    null,
                    new Properties(),
                    Map.of("OTEL_INSTRUMENTATION_WASMTIME_ENABLED", "false"))
                .enabled())
        .isFalse();
    assertThat(AgentConfig.read("enabled=true", properties, Map.of()).enabled()).isTrue();
  }

  @Test
  void environmentNamesFollowTheOpenTelemetryConvention() {
    assertThat(AgentConfig.envName("wasmlens.jfr.file")).isEqualTo("WASMLENS_JFR_FILE");
    assertThat(AgentConfig.envName("otel.instrumentation.wasmtime.enabled"))
        .isEqualTo("OTEL_INSTRUMENTATION_WASMTIME_ENABLED");
  }
}
