package dev.wasmlens.agent.instrumentation;

import dev.wasmlens.agent.bootstrap.AgentFailures;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The agent's one class file transformer. It looks at nothing but the names of classes in
 * wasmtime-java's package; those it takes from the {@linkplain PretransformedClasses classes
 * instrumented at build time} when their bytes are known, and otherwise hands to {@link
 * ClassInstrumenter}, which loads ByteBuddy: an application that never uses wasmtime pays a string
 * comparison per loaded class and nothing else. This class must therefore not refer to any
 * ByteBuddy type.
 *
 * <p>Native methods are wrapped through the JVM's native-method prefix {@link
 * #NATIVE_METHOD_PREFIX}, which the installer registers for this transformer; that works only for
 * classes being defined. Classes loaded before an attach are retransformed without it: only their
 * Java methods are advised (see {@link TypeInstrumentation#advice}).
 */
public final class WasmtimeTransformer implements ClassFileTransformer {
  /**
   * Prefix of the renamed native methods, as the JVM resolves them to their original JNI symbols.
   */
  public static final String NATIVE_METHOD_PREFIX = "wasmlens$";

  /** wasmtime-java's package, as class file names spell it. */
  public static final String WASMTIME_PACKAGE = "io/github/kawamuray/wasmtime/";

  private final AtomicInteger instrumentedClasses = new AtomicInteger();
  private final Consumer<String> debugLog;
  private final Consumer<WasmtimeTransformer> firstClassInstrumented;
  private final boolean nativePrefixRegistered;

  /**
   * @param debugLog receives one line per class instrumented or failed
   * @param firstClassInstrumented called once, on the thread loading the first instrumented class
   * @param nativePrefixRegistered whether {@link #NATIVE_METHOD_PREFIX} is registered for this
   *     transformer, so that classes being defined can have their natives wrapped
   */
  public WasmtimeTransformer(
      Consumer<String> debugLog,
      Consumer<WasmtimeTransformer> firstClassInstrumented,
      boolean nativePrefixRegistered) {
    this.debugLog = debugLog;
    this.firstClassInstrumented = firstClassInstrumented;
    this.nativePrefixRegistered = nativePrefixRegistered;
  }

  /** The number of wasmtime-java classes instrumented so far. */
  public int instrumentedClasses() {
    return instrumentedClasses.get();
  }

  /** Instruments wasmtime-java classes as they are defined; never called for redefinitions. */
  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer) {
    return classBeingRedefined != null
        ? null
        : instrument(loader, className, classfileBuffer, nativePrefixRegistered);
  }

  /**
   * A retransformation-capable transformer for {@code loadedBefore}, the wasmtime-java classes
   * loaded before an attach: it acts only on their redefinitions, instruments Java methods only (a
   * redefinition cannot add the native wrappers' methods), and counts with this transformer.
   * Classes defined after the attach stay with this transformer, which is not
   * retransformation-capable: another agent's later retransformation keeps their native wrappers,
   * and they get no second instrumentation.
   */
  public ClassFileTransformer forLoadedClasses(List<Class<?>> loadedBefore) {
    Set<Class<?>> retransformable = Collections.newSetFromMap(new WeakHashMap<>());
    retransformable.addAll(loadedBefore);
    Set<Class<?>> classes = Collections.synchronizedSet(retransformable);
    return new ClassFileTransformer() {
      @Override
      public byte[] transform(
          Module module,
          ClassLoader loader,
          String className,
          Class<?> classBeingRedefined,
          ProtectionDomain protectionDomain,
          byte[] classfileBuffer) {
        return classBeingRedefined == null || !classes.contains(classBeingRedefined)
            ? null
            : instrument(loader, className, classfileBuffer, false);
      }
    };
  }

  private byte[] instrument(
      ClassLoader loader, String className, byte[] classfileBuffer, boolean nativeWrapping) {
    if (className == null || !className.startsWith(WASMTIME_PACKAGE)) {
      return null;
    }
    byte[] transformed;
    try {
      PretransformedClasses.Lookup known =
          nativeWrapping
              ? PretransformedClasses.lookup(classfileBuffer)
              : PretransformedClasses.Lookup.UNKNOWN;
      switch (known.kind()) {
        case INSTRUMENTED:
          transformed = known.bytes();
          break;
        case UNTOUCHED:
          transformed = null;
          break;
        default:
          transformed =
              ClassInstrumenter.instrument(
                  className.replace('/', '.'), loader, classfileBuffer, nativeWrapping);
      }
    } catch (RuntimeException | LinkageError e) {
      AgentFailures.record(e);
      debugLog.accept("could not instrument " + className + ": " + e);
      return null;
    }
    if (transformed != null) {
      debugLog.accept("instrumented " + className + " in " + loader);
      if (instrumentedClasses.incrementAndGet() == 1) {
        notifyFirstClassInstrumented();
      }
    }
    return transformed;
  }

  private void notifyFirstClassInstrumented() {
    try {
      firstClassInstrumented.accept(this);
    } catch (RuntimeException | LinkageError e) {
      AgentFailures.record(e);
    }
  }
}
