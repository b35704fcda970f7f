package dev.wasmlens.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.wasmlens.agent.bootstrap.InstantiatePhase;
import dev.wasmlens.agent.bootstrap.WasmObjects;
import dev.wasmlens.agent.bootstrap.jfr.InstantiateEvent;
import io.github.kawamuray.wasmtime.Extern;
import java.util.List;
import java.util.Optional;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Linker}: instantiations by {@code linker.module(store, name, module)}, the export names of
 * functions {@code linker.get} returns, and the import names under which {@code linker.define}
 * offers host functions.
 */
final class LinkerInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.github.kawamuray.wasmtime.Linker");
  }

  @Override
  public List<MethodAdvice> advice(boolean nativeWrapping) {
    return List.of(
        MethodAdvice.inline(named("module").and(takesArguments(3)), ModuleAdvice.class),
        MethodAdvice.inline(named("get").and(takesArguments(3)), GetAdvice.class),
        MethodAdvice.inline(named("define").and(takesArguments(4)), DefineAdvice.class));
  }

  static final class ModuleAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static InstantiateEvent enter(
        @Advice.This Object linker,
        @Advice.Argument(0) Object store,
        @Advice.Argument(1) String moduleName,
        @Advice.Argument(2) Object module) {
      return InstantiatePhase.beginLinked(linker, store, moduleName, module);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter InstantiateEvent event, @Advice.Thrown Throwable thrown) {
      InstantiatePhase.end(event, thrown);
    }
  }

  static final class GetAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(
        @Advice.This Object linker,
        @Advice.Argument(1) String moduleName,
        @Advice.Argument(2) String name,
        @Advice.Return Optional<?> found) {
      if (found.isPresent() && ((Extern) found.get()).type() == Extern.Type.FUNC) {
        WasmObjects.linkedExportObtained(((Extern) found.get()).func(), linker, moduleName, name);
      }
    }
  }

  static final class DefineAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(
        @Advice.Argument(1) String moduleName,
        @Advice.Argument(2) String name,
        @Advice.Argument(3) Object item) {
      Extern extern = (Extern) item;
      if (extern.type() == Extern.Type.FUNC) {
        WasmObjects.importDefined(extern.func(), moduleName, name);
      }
    }
  }
}
