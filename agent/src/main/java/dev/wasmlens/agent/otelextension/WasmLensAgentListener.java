package dev.wasmlens.agent.otelextension;

import dev.wasmlens.agent.ExtensionStartup;
import io.opentelemetry.javaagent.extension.AgentListener;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;

/** Starts the recording and the spans once the agent has built its SDK. */
public final class WasmLensAgentListener implements AgentListener {
  @Override
  public void afterAgent(AutoConfiguredOpenTelemetrySdk sdk) {
    ExtensionStartup.sdkReady(sdk.getOpenTelemetrySdk());
  }
}
