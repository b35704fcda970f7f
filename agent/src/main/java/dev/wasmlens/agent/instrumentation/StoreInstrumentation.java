package dev.wasmlens.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.wasmlens.agent.bootstrap.WasmObjects;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Store}: gives each store an id and remembers its engine. Every public constructor, and
 * {@code Store.withoutData()}, calls the native {@code newStore(enginePtr, data, wasiPtr)} and then
 * {@code Store(long)}; the engine's address is only visible in the former.
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
        .intercept(Advices.aroundNative(AllocatedAdvice.class))
        .visit(Advices.on(CreatedAdvice.class, isConstructor().and(takesArguments(long.class))));
  }

  static final class AllocatedAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Argument(0) long enginePtr) {
      WasmObjects.storeAllocated(enginePtr);
    }
  }

  static final class CreatedAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object store) {
      WasmObjects.storeCreated(store);
    }
  }
}
