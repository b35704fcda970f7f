package dev.wasmlens.agent.instrumentation;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/** The instrumentation of one wasmtime-java type. */
interface TypeInstrumentation {
  /** The types this instrumentation applies to. */
  ElementMatcher<TypeDescription> typeMatcher();

  /** Adds the advice to {@code builder}. */
  DynamicType.Builder<?> transform(DynamicType.Builder<?> builder);
}
