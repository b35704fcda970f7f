package dev.wasmlens.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.wasmlens.agent.bootstrap.InstantiatePhase;
import dev.wasmlens.agent.bootstrap.WasmObjects;
import dev.wasmlens.agent.bootstrap.jfr.InstantiateEvent;
import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.ImportType;
import io.github.kawamuray.wasmtime.Module;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Instance}: instantiations by {@code new Instance(store, module, externs)}, and the export
 * names of the functions {@code getFunc} returns. The constructor cannot observe its own failure,
 * so the event is timed around the native {@code newInstance} it calls (see {@link
 * InstantiatePhase}); without native wrapping, around the constructor, which then cannot see its
 * own failure.
 */
final class InstanceInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.github.kawamuray.wasmtime.Instance");
  }

  @Override
  public List<MethodAdvice> advice(boolean nativeWrapping) {
    ElementMatcher.Junction<MethodDescription> constructor =
        isConstructor().and(isPublic()).and(takesArguments(3));
    MethodAdvice getFunc = MethodAdvice.inline(named("getFunc"), GetFuncAdvice.class);
    if (nativeWrapping) {
      return List.of(
          MethodAdvice.aroundNative(isNative().and(named("newInstance")), InstantiateAdvice.class),
          MethodAdvice.inline(constructor, ConstructorAdvice.class),
          getFunc);
    }
    // Advice applied first is the outermost: the timing goes second, so that it runs inside the
    // constructor advice, after prepare and before bind.
    return List.of(
        MethodAdvice.inline(constructor, ConstructorAdvice.class),
        MethodAdvice.inline(constructor, ConstructorTimingAdvice.class),
        getFunc);
  }

  static final class ConstructorAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(
        @Advice.Argument(0) Object store,
        @Advice.Argument(1) Object module,
        @Advice.Argument(2) Collection<?> externs) {
      // Host functions passed by position are named after the import they fill.
      ImportType[] imports = null;
      int position = 0;
      for (Object item : externs) {
        Extern extern = (Extern) item;
        if (extern.type() == Extern.Type.FUNC && WasmObjects.isUnnamedHostFunc(extern.func())) {
          imports = imports == null ? ((Module) module).imports() : imports;
          WasmObjects.importDefined(
              extern.func(), imports[position].module(), imports[position].name());
        }
        position++;
      }
      return InstantiatePhase.prepare(store, module);
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object instance, @Advice.Enter Object prepared) {
      InstantiatePhase.bind(instance, prepared);
    }
  }

  /** Times the constructor, without native wrapping: exit advice runs only when it returns. */
  static final class ConstructorTimingAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static InstantiateEvent enter() {
      return InstantiatePhase.beginPrepared();
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Enter InstantiateEvent event) {
      InstantiatePhase.end(event, null);
    }
  }

  static final class InstantiateAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static InstantiateEvent enter() {
      return InstantiatePhase.beginPrepared();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter InstantiateEvent event, @Advice.Thrown Throwable thrown) {
      InstantiatePhase.end(event, thrown);
    }
  }

  static final class GetFuncAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(
        @Advice.This Object instance,
        @Advice.Argument(1) String name,
        @Advice.Return Optional<?> func) {
      if (func.isPresent()) {
        WasmObjects.exportObtained(func.get(), instance, name);
      }
    }
  }
}
