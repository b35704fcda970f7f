package dev.wasmlens.agent.otelextension;

import dev.wasmlens.agent.ExtensionStartup;
import dev.wasmlens.agent.instrumentation.WasmtimeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One type of the shared definition, as the agent's {@link TypeInstrumentation}. The agent's
 * transformer cannot wrap native methods (it registers no native-method prefix), so the Java
 * methods around them are advised: what that leaves out is listed in docs/running.md.
 */
final class WasmtimeTypeInstrumentation implements TypeInstrumentation {
  private final dev.wasmlens.agent.instrumentation.TypeInstrumentation definition;

  WasmtimeTypeInstrumentation(dev.wasmlens.agent.instrumentation.TypeInstrumentation definition) {
    this.definition = definition;
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return definition.typeMatcher();
  }

  @Override
  public void transform(TypeTransformer transformer) {
    if (definition.advice(false).isEmpty()) {
      return;
    }
    transformer.applyTransformer(
        (builder, type, classLoader, module, protectionDomain) -> {
          ExtensionStartup.classInstrumented();
          return WasmtimeInstrumentation.apply(definition, builder, false);
        });
  }
}
