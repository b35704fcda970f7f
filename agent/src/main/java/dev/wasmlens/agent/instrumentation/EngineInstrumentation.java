package dev.wasmlens.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;

import dev.wasmlens.agent.bootstrap.WasmObjects;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Engine}: engines the application creates ({@code new Engine()}, {@code new
 * Engine(config)}), for the live count. The package-private {@code Engine(long)} that {@code
 * store.engine()} uses makes views, not engines.
 */
final class EngineInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.github.kawamuray.wasmtime.Engine");
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    return builder.visit(Advices.on(CreatedAdvice.class, isConstructor().and(isPublic())));
  }

  static final class CreatedAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object engine) {
      WasmObjects.engineCreated(engine);
    }
  }
}
