package dev.wasmlens.agent.otelextension;

import dev.wasmlens.agent.ExtensionStartup;
import dev.wasmlens.agent.instrumentation.WasmtimeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.List;
import java.util.stream.Collectors;

/**
 * WasmLens's instrumentation of wasmtime-java, as the OpenTelemetry Java agent applies it: named
 * {@code wasmtime}, so {@code otel.instrumentation.wasmtime.enabled=false} turns it off. One
 * adapter per {@link dev.wasmlens.agent.instrumentation.TypeInstrumentation} of the shared
 * definition.
 *
 * <p>The advice is inlined (not the agent's "indy" advice): it calls only the JDK, wasmtime-java
 * and WasmLens's bootstrap package, which {@link ExtensionStartup#install} puts on the bootstrap
 * class path, so there is nothing to inject into the application's class loaders.
 */
public final class WasmtimeInstrumentationModule extends InstrumentationModule {
  public WasmtimeInstrumentationModule() {
    super("wasmtime", "wasmlens");
  }

  @Override
  public boolean defaultEnabled(ConfigProperties config) {
    return super.defaultEnabled(config) && ExtensionStartup.install();
  }

  @Override
  public boolean isIndyModule() {
    return false;
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return WasmtimeInstrumentation.TYPES.stream()
        .map(WasmtimeTypeInstrumentation::new)
        .collect(Collectors.toList());
  }
}
