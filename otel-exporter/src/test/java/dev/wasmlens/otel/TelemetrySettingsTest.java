package dev.wasmlens.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetrySettingsTest {
  @Test
  void nothingConfiguredMeansNothingExported() {
    assertThat(settings(Map.of(), Map.of(), Map.of()).exportRequested()).isFalse();
  }

  @Test
  void anEndpointOrAnExporterAsksForExport() {
    assertThat(
            settings(Map.of(), Map.of(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318"))
                .exportRequested())
        .isTrue();
    assertThat(
            settings(Map.of(), Map.of("otel.traces.exporter", "console"), Map.of())
                .exportRequested())
        .isTrue();
    assertThat(
            settings(Map.of("otel.exporter.otlp.traces.endpoint", "http://c"), Map.of(), Map.of())
                .exportRequested())
        .isTrue();
  }

  @Test
  void theSdkSwitchAndOurOwnWinOverEverythingElse() {
    assertThat(
            settings(
                    Map.of(),
                    Map.of("otel.sdk.disabled", "true"),
                    Map.of("OTEL_TRACES_EXPORTER", "otlp"))
                .exportRequested())
        .isFalse();
    assertThat(
            settings(
                    Map.of("wasmlens.telemetry.enabled", "false"),
                    Map.of("otel.traces.exporter", "otlp"),
                    Map.of())
                .exportRequested())
        .isFalse();
    assertThat(
            settings(Map.of(), Map.of("wasmlens.telemetry.enabled", "true"), Map.of())
                .exportRequested())
        .isTrue();
  }

  @Test
  void withoutAnEndpointNothingGoesToTheSdksDefaultLocalhost() {
    Map<String, String> defaults =
        settings(Map.of(), Map.of("otel.traces.exporter", "console"), Map.of()).sdkDefaults();
    assertThat(defaults)
        .containsEntry("otel.traces.exporter", "none")
        .containsEntry("otel.metrics.exporter", "none")
        .containsEntry("otel.logs.exporter", "none")
        .containsEntry("otel.exporter.otlp.protocol", "http/protobuf");
  }

  @Test
  void withAnEndpointTheSdkDefaultsToOtlpForTracesAndMetrics() {
    Map<String, String> defaults =
        settings(Map.of(), Map.of(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318"))
            .sdkDefaults();
    assertThat(defaults).doesNotContainKeys("otel.traces.exporter", "otel.metrics.exporter");
  }

  @Test
  void agentArgumentsOverrideOpenTelemetrySettingsButOnlyThose() {
    TelemetrySettings settings =
        settings(
            Map.of("otel.service.name", "from-agent", "wasmlens.spans.call.min-duration", "0"),
            Map.of("otel.service.name", "from-property"),
            Map.of());
    assertThat(settings.sdkOverrides()).isEqualTo(Map.of("otel.service.name", "from-agent"));
    assertThat(settings.callMinNanos()).isZero();
  }

  @Test
  void minimumDurationsDefaultTo100MicrosecondsAndAcceptUnits() {
    assertThat(settings(Map.of(), Map.of(), Map.of()).callMinNanos()).isEqualTo(100_000);
    assertThat(
            settings(Map.of(), Map.of(), Map.of("WASMLENS_SPANS_HOST_CALL_MIN_DURATION", "250us"))
                .hostCallMinNanos())
        .isEqualTo(250_000);
    assertThat(
            settings(Map.of(), Map.of("wasmlens.spans.call.min-duration", "2"), Map.of())
                .callMinNanos())
        .isEqualTo(2_000_000);
  }

  @Test
  void aMalformedDurationNamesTheSetting() {
    TelemetrySettings settings =
        settings(Map.of(), Map.of("wasmlens.spans.call.min-duration", "fast"), Map.of());
    assertThatThrownBy(settings::callMinNanos)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "wasmlens.spans.call.min-duration=fast is not a duration (examples: 0, 250us, 1ms, 2s)");
  }

  private static TelemetrySettings settings(
      Map<String, String> agent, Map<String, String> properties, Map<String, String> environment) {
    return TelemetrySettings.read(agent, properties, environment);
  }
}
