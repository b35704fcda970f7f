package dev.wasmlens.otel;

import io.opentelemetry.api.trace.SpanContext;

/**
 * Where a phase sits in the distributed trace, for its JFR event: the trace, the application span
 * that was current (the parent), and the phase's own span. Each is null when absent.
 *
 * @param traceId 32 hex digits
 * @param parentSpanId 16 hex digits: the application's span the phase ran under
 * @param spanId 16 hex digits: the phase's own span, when one was made and sampled
 */
public record PhaseTrace(String traceId, String parentSpanId, String spanId) {
  static final PhaseTrace NONE = new PhaseTrace(null, null, null);

  static PhaseTrace of(SpanContext parent, SpanContext own) {
    if (own.isValid()) {
      return new PhaseTrace(
          own.getTraceId(), parent.isValid() ? parent.getSpanId() : null, own.getSpanId());
    }
    return parent.isValid() ? new PhaseTrace(parent.getTraceId(), parent.getSpanId(), null) : NONE;
  }
}
