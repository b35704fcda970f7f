package dev.wasmlens.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.wasmlens.agent.bootstrap.CompilePhase;
import dev.wasmlens.agent.bootstrap.WasmObjects;
import dev.wasmlens.agent.bootstrap.jfr.CompileEvent;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Module}: compiles. The three public ways to create a module ({@code new Module(engine,
 * bytes)}, {@code fromBinary}, {@code fromFile}) each call one native compile method and then the
 * {@code Module(long)} constructor. Wrapping the natives counts each compile once and sees it fail;
 * the constructor attaches the module's identity to the new object. Without native wrapping the
 * three public ways are advised instead, and a constructor cannot see its own failure: a failed
 * {@code new Module(engine, bytes)} goes unrecorded.
 */
final class ModuleInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.github.kawamuray.wasmtime.Module");
  }

  @Override
  public List<MethodAdvice> advice(boolean nativeWrapping) {
    if (nativeWrapping) {
      return List.of(
          MethodAdvice.aroundNative(
              isNative().and(namedOneOf("newModule", "newFromBinary", "newFromFile")),
              CompileAdvice.class),
          MethodAdvice.inline(
              isConstructor().and(takesArguments(long.class)), CreatedAdvice.class));
    }
    return List.of(
        MethodAdvice.inline(
            isStatic().and(namedOneOf("fromBinary", "fromFile")), CompileMethodAdvice.class),
        MethodAdvice.inline(
            isConstructor().and(isPublic()).and(takesArguments(2)),
            CompileConstructorAdvice.class));
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
        @Advice.Return long modulePtr,
        @Advice.Thrown Throwable thrown) {
      CompilePhase.end(event, enginePtr, bytesOrPath, modulePtr, thrown);
    }
  }

  static final class CreatedAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object module) {
      WasmObjects.moduleCreated(module);
    }
  }

  /** {@code fromBinary(engine, bytes)} and {@code fromFile(engine, path)}. */
  static final class CompileMethodAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CompileEvent enter() {
      return CompilePhase.begin();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter CompileEvent event,
        @Advice.Argument(0) Object engine,
        @Advice.Argument(1) Object bytesOrPath,
        @Advice.Return Object module,
        @Advice.Thrown Throwable thrown) {
      CompilePhase.endCreating(event, engine, bytesOrPath, module, thrown);
    }
  }

  /** {@code new Module(engine, bytes)}: exit advice of a constructor runs only when it returns. */
  static final class CompileConstructorAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CompileEvent enter() {
      return CompilePhase.begin();
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(
        @Advice.Enter CompileEvent event,
        @Advice.This Object module,
        @Advice.Argument(0) Object engine,
        @Advice.Argument(1) Object bytes) {
      CompilePhase.endCreating(event, engine, bytes, module, null);
    }
  }
}
