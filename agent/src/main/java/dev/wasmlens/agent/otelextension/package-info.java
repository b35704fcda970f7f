/**
 * The entry points of WasmLens as an extension of the OpenTelemetry Java agent ({@code
 * -Dotel.javaagent.extensions=wasmlens-otel-extension.jar}), found by the agent through {@code
 * META-INF/services}: the instrumentation module, an SDK customizer and an agent listener. They
 * adapt the standalone agent's parts ({@link dev.wasmlens.agent.ExtensionStartup}, {@link
 * dev.wasmlens.agent.instrumentation.WasmtimeInstrumentation}) to the agent's extension API; the
 * standalone agent jar leaves this package out.
 */
package dev.wasmlens.agent.otelextension;
