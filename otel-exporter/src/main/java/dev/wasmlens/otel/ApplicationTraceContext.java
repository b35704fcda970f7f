package dev.wasmlens.otel;

import com.blogspot.mydailyjava.weaklockfree.WeakConcurrentMap;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Reads the span that is current on the calling thread in the <em>application's</em> OpenTelemetry,
 * so that wasm spans become its children.
 *
 * <p>Two places can hold it. Under the official OpenTelemetry Java agent, its shaded API on the
 * bootstrap class path is the context of record (it also backs the application's own API calls).
 * Otherwise the application may use the OpenTelemetry API itself, found through the thread's
 * context class loader. Both are reached by reflection: they are other copies of the API than the
 * relocated one this exporter runs on. Class names are assembled at run time so that relocation in
 * the agent jar does not rewrite them.
 */
final class ApplicationTraceContext {
  private static final String OTEL_AGENT_SHADED_PREFIX =
      String.join(".", "io", "opentelemetry", "javaagent", "shaded") + ".";
  private static final String API_SPAN =
      String.join(".", "io", "opentelemetry", "api", "trace", "Span");

  private static final SpanReader OTEL_AGENT =
      SpanReader.find(OTEL_AGENT_SHADED_PREFIX + API_SPAN, null);
  private static final WeakConcurrentMap<ClassLoader, SpanReader> APPLICATION_READERS =
      new WeakConcurrentMap.WithInlinedExpunction<>();

  private ApplicationTraceContext() {}

  /**
   * The application's current span context on this thread, as a remote parent for our own API;
   * {@link SpanContext#getInvalid()} when there is none.
   */
  static SpanContext current() {
    if (OTEL_AGENT != null) {
      return OTEL_AGENT.current();
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      return SpanContext.getInvalid();
    }
    SpanReader reader = APPLICATION_READERS.get(loader);
    if (reader == null) {
      SpanReader found = SpanReader.find(API_SPAN, loader);
      reader = found == null ? SpanReader.NONE : found;
      APPLICATION_READERS.put(loader, reader);
    }
    return reader.current();
  }

  /** Method handles into one copy of the OpenTelemetry API. */
  private static final class SpanReader {
    static final SpanReader NONE = new SpanReader(null, null, null, null, null, null);

    private final MethodHandle currentSpan;
    private final MethodHandle spanContext;
    private final MethodHandle isValid;
    private final MethodHandle traceId;
    private final MethodHandle spanId;

    /** SpanContext -> byte: the trace flags. */
    private final MethodHandle traceFlags;

    private SpanReader(
        MethodHandle currentSpan,
        MethodHandle spanContext,
        MethodHandle isValid,
        MethodHandle traceId,
        MethodHandle spanId,
        MethodHandle traceFlags) {
      this.currentSpan = currentSpan;
      this.spanContext = spanContext;
      this.isValid = isValid;
      this.traceId = traceId;
      this.spanId = spanId;
      this.traceFlags = traceFlags;
    }

    /**
     * The API whose {@code Span} class is {@code spanClassName} in {@code loader}; null if absent.
     */
    static SpanReader find(String spanClassName, ClassLoader loader) {
      try {
        Class<?> span = Class.forName(spanClassName, false, loader);
        String apiPackage = spanClassName.substring(0, spanClassName.length() - ".Span".length());
        Class<?> context = Class.forName(apiPackage + ".SpanContext", false, loader);
        Class<?> flags = Class.forName(apiPackage + ".TraceFlags", false, loader);
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        MethodHandle flagsByte =
            MethodHandles.filterReturnValue(
                lookup.findVirtual(context, "getTraceFlags", MethodType.methodType(flags)),
                lookup.findVirtual(flags, "asByte", MethodType.methodType(byte.class)));
        return new SpanReader(
            lookup.findStatic(span, "current", MethodType.methodType(span)),
            lookup.findVirtual(span, "getSpanContext", MethodType.methodType(context)),
            lookup.findVirtual(context, "isValid", MethodType.methodType(boolean.class)),
            lookup.findVirtual(context, "getTraceId", MethodType.methodType(String.class)),
            lookup.findVirtual(context, "getSpanId", MethodType.methodType(String.class)),
            flagsByte);
      } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
        return null;
      }
    }

    SpanContext current() {
      if (currentSpan == null) {
        return SpanContext.getInvalid();
      }
      try {
        Object context = spanContext.invoke(currentSpan.invoke());
        if (!(boolean) isValid.invoke(context)) {
          return SpanContext.getInvalid();
        }
        return SpanContext.createFromRemoteParent(
            (String) traceId.invoke(context),
            (String) spanId.invoke(context),
            TraceFlags.fromByte((byte) traceFlags.invoke(context)),
            TraceState.getDefault());
      } catch (Throwable t) {
        return SpanContext.getInvalid();
      }
    }
  }
}
