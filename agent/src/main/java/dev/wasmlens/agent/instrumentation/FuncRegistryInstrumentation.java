package dev.wasmlens.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.named;

import dev.wasmlens.agent.bootstrap.WasmObjects;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code FuncRegistry}: the trampoline index a new host function gets ({@code acquire(handler)}),
 * which is all a host call carries. The {@code Func} constructor that asked for it then attaches it
 * to the new object ({@link FuncInstrumentation}).
 */
final class FuncRegistryInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.github.kawamuray.wasmtime.FuncRegistry");
  }

  @Override
  public List<MethodAdvice> advice(boolean nativeWrapping) {
    return List.of(MethodAdvice.inline(named("acquire"), AcquireAdvice.class));
  }

  static final class AcquireAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Return int trampolineIndex) {
      WasmObjects.hostFuncAllocated(trampolineIndex);
    }
  }
}
