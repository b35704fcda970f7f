package dev.wasmlens.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.wasmlens.agent.bootstrap.CallPhase;
import dev.wasmlens.agent.bootstrap.HostCallPhase;
import dev.wasmlens.agent.bootstrap.WasmObjects;
import dev.wasmlens.agent.bootstrap.jfr.CallEvent;
import dev.wasmlens.agent.bootstrap.jfr.HostCallEvent;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Func}: calls from Java into wasm ({@code call}, both overloads; the typed {@code
 * WasmFunctions} wrappers go through them), calls from wasm into Java ({@code invokeTrampoline}),
 * and the life of host functions (created with a trampoline index, dropped by wasmtime-java when no
 * longer referenced).
 */
final class FuncInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.github.kawamuray.wasmtime.Func");
  }

  @Override
  public List<MethodAdvice> advice(boolean nativeWrapping) {
    return List.of(
        MethodAdvice.inline(
            named("call").and(not(isStatic())).and(takesArguments(2)), CallAdvice.class),
        MethodAdvice.inline(named("invokeTrampoline"), HostCallAdvice.class),
        MethodAdvice.inline(
            isConstructor().and(isPublic()).and(takesArguments(3)), HostFuncCreatedAdvice.class),
        MethodAdvice.inline(named("dropTrampoline"), HostFuncDroppedAdvice.class));
  }

  static final class CallAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CallEvent enter(@Advice.This Object func, @Advice.Argument(0) Object store) {
      return CallPhase.begin(func, store);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter CallEvent event, @Advice.Thrown Throwable thrown) {
      CallPhase.end(event, thrown);
    }
  }

  static final class HostCallAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static HostCallEvent enter(
        @Advice.Argument(1) int index, @Advice.Local("startNanos") long startNanos) {
      startNanos = System.nanoTime();
      return HostCallPhase.begin(index);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter HostCallEvent event,
        @Advice.Local("startNanos") long startNanos,
        @Advice.Thrown Throwable thrown) {
      HostCallPhase.end(event, startNanos, thrown);
    }
  }

  static final class HostFuncCreatedAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object func, @Advice.Argument(0) Object store) {
      WasmObjects.hostFuncCreated(func, store);
    }
  }

  static final class HostFuncDroppedAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) int trampolineIndex) {
      WasmObjects.hostFuncDropped(trampolineIndex);
    }
  }
}
