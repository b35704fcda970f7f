package dev.wasmlens.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.wasmlens.agent.bootstrap.TeardownPhase;
import dev.wasmlens.agent.bootstrap.jfr.TeardownEvent;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code dispose()} of Instance, Store, Module, Engine, Linker and Func: teardowns. {@code
 * dispose()} is native in all six, and {@code Disposable.close()} calls it, so wrapping it catches
 * both, once. Without native wrapping only {@code close()} is seen ({@link
 * DisposableInstrumentation}).
 */
final class DisposeInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return namedOneOf(TeardownPhase.DISPOSED_TYPES.toArray(new String[0]));
  }

  @Override
  public List<MethodAdvice> advice(boolean nativeWrapping) {
    return nativeWrapping
        ? List.of(
            MethodAdvice.aroundNative(
                isNative().and(named("dispose")).and(takesArguments(0)), DisposeAdvice.class))
        : List.of();
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
