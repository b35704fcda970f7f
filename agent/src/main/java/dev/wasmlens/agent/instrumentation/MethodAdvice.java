package dev.wasmlens.agent.instrumentation;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One advice class and the methods of a type it applies to: inlined into Java methods, or wrapped
 * around native methods. Wrapping a native method adds a method to the class, which the JVM allows
 * only when the class is first defined, and only under a native-method prefix its transformer
 * registered.
 *
 * @param methods the methods the advice applies to; native ones only when {@code aroundNative}
 * @param advice the class holding the {@code @Advice.OnMethodEnter} / {@code OnMethodExit} methods
 * @param aroundNative whether {@code methods} are native methods to wrap
 */
public record MethodAdvice(
    ElementMatcher<? super MethodDescription> methods, Class<?> advice, boolean aroundNative) {

  /** Advice inlined into the Java methods {@code methods} matches. */
  static MethodAdvice inline(ElementMatcher<? super MethodDescription> methods, Class<?> advice) {
    return new MethodAdvice(methods, advice, false);
  }

  /** Advice wrapped around the native methods {@code methods} matches. */
  static MethodAdvice aroundNative(
      ElementMatcher<? super MethodDescription> methods, Class<?> advice) {
    return new MethodAdvice(methods, advice, true);
  }
}
