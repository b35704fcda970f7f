package dev.wasmlens.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.wasmlens.agent.bootstrap.StoreCreatePhase;
import dev.wasmlens.agent.bootstrap.jfr.StoreCreateEvent;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Store}: store creation, timed around the native {@code newStore(enginePtr, data, wasiPtr)}
 * that every public constructor and {@code Store.withoutData()} call (it waits for the engine's
 * native lock), then {@code Store(long)}, where the store gets its id. The engine's address is only
 * visible in the former. Without native wrapping, the public constructor every other one calls,
 * {@code Store(data, engine, wasi)}, is advised instead; it cannot see its own failure.
 */
final class StoreInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.github.kawamuray.wasmtime.Store");
  }

  @Override
  public List<MethodAdvice> advice(boolean nativeWrapping) {
    if (nativeWrapping) {
      return List.of(
          MethodAdvice.aroundNative(isNative().and(named("newStore")), CreateAdvice.class),
          MethodAdvice.inline(
              isConstructor().and(takesArguments(long.class)), CreatedAdvice.class));
    }
    return List.of(
        MethodAdvice.inline(
            isConstructor()
                .and(isPublic())
                .and(takesArguments(3))
                .and(takesArgument(1, named("io.github.kawamuray.wasmtime.Engine"))),
            ConstructorAdvice.class));
  }

  static final class CreateAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static StoreCreateEvent enter(@Advice.Argument(0) long enginePtr) {
      return StoreCreatePhase.begin(enginePtr);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter StoreCreateEvent event, @Advice.Thrown Throwable thrown) {
      StoreCreatePhase.end(event, thrown);
    }
  }

  static final class CreatedAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object store) {
      StoreCreatePhase.created(store);
    }
  }

  /** {@code Store(data, engine, wasi)}: exit advice of a constructor runs only when it returns. */
  static final class ConstructorAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static StoreCreateEvent enter(@Advice.Argument(1) Object engine) {
      return StoreCreatePhase.beginOn(engine);
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Enter StoreCreateEvent event, @Advice.This Object store) {
      StoreCreatePhase.endCreated(event, store);
    }
  }
}
