package dev.wasmlens.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.wasmlens.agent.bootstrap.TeardownPhase;
import dev.wasmlens.agent.bootstrap.jfr.TeardownEvent;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Disposable.close()}: teardowns where the native {@code dispose()} cannot be wrapped
 * ({@link DisposeInstrumentation}). {@code close()} calls {@code dispose()}; a direct {@code
 * dispose()} call goes unrecorded.
 */
final class DisposableInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.github.kawamuray.wasmtime.Disposable");
  }

  @Override
  public List<MethodAdvice> advice(boolean nativeWrapping) {
    return nativeWrapping
        ? List.of()
        : List.of(MethodAdvice.inline(named("close").and(takesArguments(0)), CloseAdvice.class));
  }

  static final class CloseAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static TeardownEvent enter(@Advice.This Object target) {
      return TeardownPhase.beginClose(target);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter TeardownEvent event, @Advice.Thrown Throwable thrown) {
      TeardownPhase.end(event, thrown);
    }
  }
}
