package dev.wasmlens.agent.instrumentation;

import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The instrumentation of one wasmtime-java type: which advice goes on which methods. The standalone
 * agent and the OpenTelemetry Java agent extension both apply it (see {@link
 * WasmtimeInstrumentation}).
 */
public interface TypeInstrumentation {
  /** The types this instrumentation applies to. */
  ElementMatcher<TypeDescription> typeMatcher();

  /**
   * The advice for the type.
   *
   * @param nativeWrapping whether native methods can be wrapped: true when the class is being
   *     defined under the standalone agent's native-method prefix; false for a class already loaded
   *     (retransformed after an attach) and under the OpenTelemetry agent, where the Java methods
   *     around the natives are advised instead, seeing less (docs/running.md)
   */
  List<MethodAdvice> advice(boolean nativeWrapping);
}
