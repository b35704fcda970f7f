package dev.wasmlens.agent.instrumentation;

import java.util.List;
import net.bytebuddy.dynamic.DynamicType;

/**
 * What WasmLens instruments in wasmtime-java: the one definition that the standalone agent ({@link
 * ClassInstrumenter}, {@link PretransformedClassesWriter}) and the OpenTelemetry Java agent
 * extension apply.
 */
public final class WasmtimeInstrumentation {
  /** One instrumentation per wasmtime-java type, or group of types. */
  public static final List<TypeInstrumentation> TYPES =
      List.of(
          new EngineInstrumentation(),
          new ModuleInstrumentation(),
          new StoreInstrumentation(),
          new InstanceInstrumentation(),
          new LinkerInstrumentation(),
          new FuncInstrumentation(),
          new FuncRegistryInstrumentation(),
          new DisposeInstrumentation(),
          new DisposableInstrumentation());

  private WasmtimeInstrumentation() {}

  /**
   * Adds to {@code builder} the advice of {@code instrumentation}; {@code nativeWrapping} as in
   * {@link TypeInstrumentation#advice}. A builder that wraps natives must rebase the class with
   * {@link WasmtimeTransformer#NATIVE_METHOD_PREFIX}.
   */
  public static DynamicType.Builder<?> apply(
      TypeInstrumentation instrumentation, DynamicType.Builder<?> builder, boolean nativeWrapping) {
    for (MethodAdvice advice : instrumentation.advice(nativeWrapping)) {
      builder =
          advice.aroundNative()
              ? builder.method(advice.methods()).intercept(Advices.aroundNative(advice.advice()))
              : builder.visit(Advices.on(advice.advice(), advice.methods()));
    }
    return builder;
  }
}
