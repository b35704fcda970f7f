package dev.wasmlens.agent.otelextension;

import dev.wasmlens.agent.ExtensionStartup;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;

/**
 * Adds WasmLens's latency histograms to the agent's SDK while the agent configures it; the agent
 * does this before it loads any instrumentation.
 */
public final class WasmLensSdkCustomizer implements AutoConfigurationCustomizerProvider {
  @Override
  public void customize(AutoConfigurationCustomizer customizer) {
    ExtensionStartup.customizeSdk(customizer);
  }
}
