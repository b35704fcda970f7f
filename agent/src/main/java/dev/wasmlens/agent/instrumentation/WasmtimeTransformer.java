package dev.wasmlens.agent.instrumentation;

import dev.wasmlens.agent.bootstrap.AgentFailures;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
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
 * classes loaded after the agent started, so classes being redefined are left alone.
 */
public final class WasmtimeTransformer implements ClassFileTransformer {
  /**
   * Prefix of the renamed native methods, as the JVM resolves them to their original JNI symbols.
   */
  public static final String NATIVE_METHOD_PREFIX = "wasmlens$";

  static final String WASMTIME_PACKAGE = "io/github/kawamuray/wasmtime/";

  private final AtomicInteger instrumentedClasses = new AtomicInteger();
  private final Consumer<String> debugLog;
  private final Consumer<WasmtimeTransformer> firstClassInstrumented;

  /**
   * @param debugLog receives one line per class instrumented or failed
   * @param firstClassInstrumented called once, on the thread loading the first instrumented class
   */
  public WasmtimeTransformer(
      Consumer<String> debugLog, Consumer<WasmtimeTransformer> firstClassInstrumented) {
    this.debugLog = debugLog;
    this.firstClassInstrumented = firstClassInstrumented;
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
    if (className == null
        || !className.startsWith(WASMTIME_PACKAGE)
        || classBeingRedefined != null) {
      return null;
    }
    byte[] transformed;
    try {
      PretransformedClasses.Lookup known = PretransformedClasses.lookup(classfileBuffer);
      switch (known.kind()) {
        case INSTRUMENTED:
          transformed = known.bytes();
          break;
        case UNTOUCHED:
          transformed = null;
          break;
        default:
          transformed =
              ClassInstrumenter.instrument(className.replace('/', '.'), loader, classfileBuffer);
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
