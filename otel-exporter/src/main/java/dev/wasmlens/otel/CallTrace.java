package dev.wasmlens.otel;

import io.opentelemetry.api.trace.SpanContext;

/**
 * Where a call sits in the distributed trace, for the JFR event: the trace, the application span
 * that was current (the parent), and the call's own span. Each is null when absent.
 *
 * @param traceId 32 hex digits
 * @param parentSpanId 16 hex digits: the application's span the call ran under
 * @param spanId 16 hex digits: the call's span, when one was made and sampled
 */
public record CallTrace(String traceId, String parentSpanId, String spanId) {
  static final CallTrace NONE = new CallTrace(null, null, null);

  static CallTrace of(SpanContext parent, SpanContext call) {
    if (call.isValid()) {
      return new CallTrace(
          call.getTraceId(), parent.isValid() ? parent.getSpanId() : null, call.getSpanId());
    }
    return parent.isValid() ? new CallTrace(parent.getTraceId(), parent.getSpanId(), null) : NONE;
  }
}
