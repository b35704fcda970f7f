package dev.wasmlens.agent.instrumentation;

import dev.wasmlens.agent.bootstrap.AgentFailures;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.SuperMethodCall;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Builds advice whose suppressed throwables are counted by {@link AgentFailures#record(Throwable)}
 * rather than dropped silently.
 */
final class Advices {
  private static final Advice.ExceptionHandler COUNT_FAILURE = countFailure();

  private Advices() {}

  /** Advice inlined into the methods {@code methods} matches. */
  static AsmVisitorWrapper on(Class<?> advice, ElementMatcher<? super MethodDescription> methods) {
    return Advice.to(advice).withExceptionHandler(COUNT_FAILURE).on(methods);
  }

  /**
   * Advice around a native method. The class is rebased with the JVM's native-method prefix: the
   * native method keeps its implementation under a prefixed name, and a Java method of the original
   * name calls it inside the advice. ByteBuddy's inlined advice cannot enter a native method
   * otherwise.
   */
  static Implementation aroundNative(Class<?> advice) {
    return Advice.to(advice).withExceptionHandler(COUNT_FAILURE).wrap(SuperMethodCall.INSTANCE);
  }

  private static Advice.ExceptionHandler countFailure() {
    try {
      return new Advice.ExceptionHandler.Simple(
          MethodInvocation.invoke(
              new MethodDescription.ForLoadedMethod(
                  AgentFailures.class.getMethod("record", Throwable.class))));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(
          "AgentFailures.record(Throwable) is part of the bootstrap package", e);
    }
  }
}
