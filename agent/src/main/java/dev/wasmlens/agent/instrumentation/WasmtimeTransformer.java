package dev.wasmlens.agent.instrumentation;

import dev.wasmlens.agent.bootstrap.AgentFailures;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.dynamic.scaffold.inline.MethodNameTransformer;
import net.bytebuddy.pool.TypePool;

/**
 * The agent's one class file transformer. It looks at nothing but the names of classes in wasmtime-java's
 * package, and ByteBuddy is loaded only when the first of them is: an application that never uses wasmtime pays
 * a string comparison per loaded class and nothing else.
 *
 * <p>Classes are rebased with ByteBuddy directly rather than through its {@code AgentBuilder}, whose set-up
 * reaches for {@code sun.misc.Unsafe} (a warning on JDK 24 and later) and loads types we must not load early.
 * Native methods are wrapped through the JVM's native-method prefix {@link #NATIVE_METHOD_PREFIX}, which the
 * installer registers for this transformer; that works only for classes loaded after the agent started, so
 * classes being redefined are left alone.
 */
public final class WasmtimeTransformer implements ClassFileTransformer {
  /** Prefix of the renamed native methods, as the JVM resolves them to their original JNI symbols. */
  public static final String NATIVE_METHOD_PREFIX = "wasmlens$";
  static final String WASMTIME_PACKAGE = "io/github/kawamuray/wasmtime/";

  private final AtomicInteger instrumentedClasses = new AtomicInteger();
  private final Consumer<String> debugLog;

  /** @param debugLog receives one line per class instrumented or failed */
  public WasmtimeTransformer(Consumer<String> debugLog) {
    this.debugLog = debugLog;
  }

  /** The number of wasmtime-java classes instrumented so far. */
  public int instrumentedClasses() {
    return instrumentedClasses.get();
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer) {
    if (className == null || !className.startsWith(WASMTIME_PACKAGE) || classBeingRedefined != null) {
      return null;
    }
    try {
      byte[] transformed = instrument(className.replace('/', '.'), loader, classfileBuffer);
      if (transformed != null) {
        instrumentedClasses.incrementAndGet();
        debugLog.accept("instrumented " + className + " in " + loader);
      }
      return transformed;
    } catch (RuntimeException | LinkageError e) {
      AgentFailures.record(e);
      debugLog.accept("could not instrument " + className + ": " + e);
      return null;
    }
  }

  /** Returns the instrumented class file, or null when no instrumentation applies to the class. */
  private byte[] instrument(String typeName, ClassLoader loader, byte[] classFile) {
    // The class is described from its bytes and its loader's resources: nothing is loaded while it is defined.
    ClassFileLocator locator = new ClassFileLocator.Compound(
        ClassFileLocator.Simple.of(typeName, classFile),
        loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader() : ClassFileLocator.ForClassLoader.of(loader));
    TypeDescription type = TypePool.Default.WithLazyResolution.of(locator).describe(typeName).resolve();
    DynamicType.Builder<?> builder = null;
    for (TypeInstrumentation instrumentation : Instrumentations.ALL) {
      if (instrumentation.typeMatcher().matches(type)) {
        if (builder == null) {
          builder = Instrumentations.BYTE_BUDDY.rebase(type, locator, new MethodNameTransformer.Prefixing(NATIVE_METHOD_PREFIX));
        }
        builder = instrumentation.transform(builder);
      }
    }
    return builder == null ? null : builder.make().getBytes();
  }

  /** Holds what needs ByteBuddy, so that it is loaded with the first wasmtime-java class and not at start-up. */
  private static final class Instrumentations {
    static final ByteBuddy BYTE_BUDDY = new ByteBuddy().with(TypeValidation.DISABLED);
    static final List<TypeInstrumentation> ALL = List.of(
        new ModuleInstrumentation(),
        new StoreInstrumentation(),
        new InstanceInstrumentation(),
        new LinkerInstrumentation(),
        new FuncInstrumentation(),
        new DisposeInstrumentation());
  }
}
