package dev.wasmlens.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.wasmlens.agent.bootstrap.StoreCreatePhase;
import dev.wasmlens.agent.bootstrap.jfr.StoreCreateEvent;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Store}: store creation, timed around the native {@code newStore(enginePtr, data, wasiPtr)}
 * that every public constructor and {@code Store.withoutData()} call (it waits for the engine's
 * native lock), then {@code Store(long)}, where the store gets its id. The engine's address is only
 * visible in the former.
 */
final class StoreInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.github.kawamuray.wasmtime.Store");
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    return builder
        .method(isNative().and(named("newStore")))
        .intercept(Advices.aroundNative(CreateAdvice.class))
        .visit(Advices.on(CreatedAdvice.class, isConstructor().and(takesArguments(long.class))));
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
}
