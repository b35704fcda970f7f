package dev.wasmlens.agent.instrumentation;

import java.util.List;
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
  private static final List<TypeInstrumentation> INSTRUMENTATIONS =
      List.of(
          new EngineInstrumentation(),
          new ModuleInstrumentation(),
          new StoreInstrumentation(),
          new InstanceInstrumentation(),
          new LinkerInstrumentation(),
          new FuncInstrumentation(),
          new DisposeInstrumentation());

  private ClassInstrumenter() {}

  /** Returns the instrumented class file, or null when no instrumentation applies to the class. */
  static byte[] instrument(String typeName, ClassLoader loader, byte[] classFile) {
    ClassFileLocator locator =
        new ClassFileLocator.Compound(
            ClassFileLocator.Simple.of(typeName, classFile),
            loader == null
                ? ClassFileLocator.ForClassLoader.ofBootLoader()
                : ClassFileLocator.ForClassLoader.of(loader));
    TypeDescription type =
        TypePool.Default.WithLazyResolution.of(locator).describe(typeName).resolve();
    DynamicType.Builder<?> builder = null;
    for (TypeInstrumentation instrumentation : INSTRUMENTATIONS) {
      if (instrumentation.typeMatcher().matches(type)) {
        if (builder == null) {
          builder =
              BYTE_BUDDY.rebase(
                  type,
                  locator,
                  new MethodNameTransformer.Prefixing(WasmtimeTransformer.NATIVE_METHOD_PREFIX));
        }
        builder = instrumentation.transform(builder);
      }
    }
    return builder == null ? null : builder.make().getBytes();
  }
}
