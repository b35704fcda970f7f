package dev.wasmlens.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.wasmlens.agent.bootstrap.TeardownPhase;
import dev.wasmlens.agent.bootstrap.jfr.TeardownEvent;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code dispose()} of Instance, Store, Module, Engine, Linker and Func: teardowns. {@code
 * dispose()} is native in all six, and {@code Disposable.close()} calls it, so wrapping it catches
 * both, once.
 */
final class DisposeInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return namedOneOf(
        "io.github.kawamuray.wasmtime.Instance",
        "io.github.kawamuray.wasmtime.Store",
        "io.github.kawamuray.wasmtime.Module",
        "io.github.kawamuray.wasmtime.Engine",
        "io.github.kawamuray.wasmtime.Linker",
        "io.github.kawamuray.wasmtime.Func");
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    return builder
        .method(isNative().and(named("dispose")).and(takesArguments(0)))
        .intercept(Advices.aroundNative(DisposeAdvice.class));
  }

  static final class DisposeAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static TeardownEvent enter(
        @Advice.This Object target,
        @Advice.Origin("#t") String typeName,
        @Advice.FieldValue("innerPtr") long nativePtr) {
      return TeardownPhase.begin(target, typeName, nativePtr);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter TeardownEvent event, @Advice.Thrown Throwable thrown) {
      TeardownPhase.end(event, thrown);
    }
  }
}
