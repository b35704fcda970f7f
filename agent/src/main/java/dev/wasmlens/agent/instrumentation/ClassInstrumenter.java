package dev.wasmlens.agent.instrumentation;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.dynamic.scaffold.inline.MethodNameTransformer;
import net.bytebuddy.pool.TypePool;

/**
 * Applies the {@link TypeInstrumentation}s to one class file with ByteBuddy.
 *
 * <p>ByteBuddy is used directly rather than through its {@code AgentBuilder}, whose set-up reaches
 * for {@code sun.misc.Unsafe} (a warning on JDK 24 and later). The class is described from its
 * bytes and its loader's resources, so nothing is loaded while it is being defined.
 */
final class ClassInstrumenter {
  private static final ByteBuddy BYTE_BUDDY = new ByteBuddy().with(TypeValidation.DISABLED);

  private ClassInstrumenter() {}

  /**
   * Returns the instrumented class file, or null when no instrumentation applies to the class.
   *
   * @param nativeWrapping true when the class is being defined for the first time under the
   *     native-method prefix: it is rebased, natives wrapped; false when it is being redefined
   *     (only Java methods change, the class keeps its shape)
   */
  static byte[] instrument(
      String typeName, ClassLoader loader, byte[] classFile, boolean nativeWrapping) {
    ClassFileLocator locator =
        new ClassFileLocator.Compound(
            ClassFileLocator.Simple.of(typeName, classFile),
            loader == null
                ? ClassFileLocator.ForClassLoader.ofBootLoader()
                : ClassFileLocator.ForClassLoader.of(loader));
    TypeDescription type =
        TypePool.Default.WithLazyResolution.of(locator).describe(typeName).resolve();
    DynamicType.Builder<?> builder = null;
    for (TypeInstrumentation instrumentation : WasmtimeInstrumentation.TYPES) {
      if (instrumentation.typeMatcher().matches(type)
          && !instrumentation.advice(nativeWrapping).isEmpty()) {
        if (builder == null) {
          builder =
              nativeWrapping
                  ? BYTE_BUDDY.rebase(
                      type,
                      locator,
                      new MethodNameTransformer.Prefixing(WasmtimeTransformer.NATIVE_METHOD_PREFIX))
                  : BYTE_BUDDY.redefine(type, locator);
        }
        builder = WasmtimeInstrumentation.apply(instrumentation, builder, nativeWrapping);
      }
    }
    return builder == null ? null : builder.make().getBytes();
  }
}
