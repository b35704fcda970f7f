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

  /**
   * Installs WasmLens, whatever the answer: the agent asks this first, and applies the module when
   * {@code otel.instrumentation.wasmtime.enabled=true} says so even if this says no; {@link
   * #typeInstrumentations} then has nothing to offer unless the install succeeded.
   */
  @Override
  public boolean defaultEnabled(ConfigProperties config) {
    boolean installed =
        ExtensionStartup.install(config.getString(ExtensionStartup.EXTENSIONS_PROPERTY));
    return installed && super.defaultEnabled(config);
  }

  @Override
  public boolean isIndyModule() {
    return false;
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    if (!ExtensionStartup.installed()) {
      return List.of();
    }
    return WasmtimeInstrumentation.TYPES.stream()
        .map(WasmtimeTypeInstrumentation::new)
        .collect(Collectors.toList());
  }
}
