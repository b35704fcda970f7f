package dev.wasmlens.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.wasmlens.agent.bootstrap.CompilePhase;
import dev.wasmlens.agent.bootstrap.WasmObjects;
import dev.wasmlens.agent.bootstrap.jfr.CompileEvent;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Module}: compiles. The three public ways to create a module ({@code new Module(engine,
 * bytes)}, {@code fromBinary}, {@code fromFile}) each call one native compile method and then the
 * {@code Module(long)} constructor. Wrapping the natives counts each compile once and sees it fail;
 * the constructor attaches the module's identity to the new object.
 */
final class ModuleInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.github.kawamuray.wasmtime.Module");
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    return builder
        .method(isNative().and(namedOneOf("newModule", "newFromBinary", "newFromFile")))
        .intercept(Advices.aroundNative(CompileAdvice.class))
        .visit(Advices.on(CreatedAdvice.class, isConstructor().and(takesArguments(long.class))));
  }

  static final class CompileAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CompileEvent enter() {
      return CompilePhase.begin();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter CompileEvent event,
        @Advice.Argument(0) long enginePtr,
        @Advice.Argument(1) Object bytesOrPath,
        @Advice.Thrown Throwable thrown) {
      CompilePhase.end(event, enginePtr, bytesOrPath, thrown);
    }
  }

  static final class CreatedAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object module) {
      WasmObjects.moduleCreated(module);
    }
  }
}
