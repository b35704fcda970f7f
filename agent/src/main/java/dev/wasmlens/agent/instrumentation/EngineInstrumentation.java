package dev.wasmlens.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;

import dev.wasmlens.agent.bootstrap.WasmObjects;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
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
  public List<MethodAdvice> advice(boolean nativeWrapping) {
    return List.of(MethodAdvice.inline(isConstructor().and(isPublic()), CreatedAdvice.class));
  }

  static final class CreatedAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object engine) {
      WasmObjects.engineCreated(engine);
    }
  }
}
