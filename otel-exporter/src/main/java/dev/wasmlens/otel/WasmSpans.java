package dev.wasmlens.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns phases into spans, children of the application's current span when there is one.
 *
 * <p>Calls and host calls are hot, so their spans are made only when they last at least a minimum
 * duration or failed (a trap, interrupt, exit or exception is what a trace is searched for, however
 * fast), and only after they ended: a call's span is created with its recorded start time, and the
 * host calls made during it (buffered on the thread, at most {@link #MAX_BUFFERED_HOST_CALLS})
 * become its children. Nothing is made for a successful call below the threshold but its host calls
 * that pass theirs or failed. The SDK's sampler still decides what is recorded.
 */
final class WasmSpans {
  /**
   * Host calls remembered per outermost call; more are counted in {@link #hostCallsNotBuffered()}.
   */
  static final int MAX_BUFFERED_HOST_CALLS = 64;

  private static final AttributeKey<String> EXCEPTION_TYPE =
      AttributeKey.stringKey("exception.type");
  private static final AttributeKey<String> EXCEPTION_MESSAGE =
      AttributeKey.stringKey("exception.message");

  private final Tracer tracer;
  private final long callMinNanos;
  private final long hostCallMinNanos;
  private final ExportCounters counters;
  private final ThreadLocal<List<WasmPhase>> hostCalls = ThreadLocal.withInitial(ArrayList::new);
  private final AtomicLong hostCallsNotBuffered = new AtomicLong();

  WasmSpans(Tracer tracer, long callMinNanos, long hostCallMinNanos, ExportCounters counters) {
    this.tracer = tracer;
    this.callMinNanos = callMinNanos;
    this.hostCallMinNanos = hostCallMinNanos;
    this.counters = counters;
  }

  /** Host calls beyond {@link #MAX_BUFFERED_HOST_CALLS} in one call, which got no span. */
  long hostCallsNotBuffered() {
    return hostCallsNotBuffered.get();
  }

  /** A compile, instantiation or teardown: always a span; returns its context. */
  SpanContext phase(WasmPhase phase, SpanContext applicationParent) {
    return emit(phase, parentContext(applicationParent));
  }

  /** A host call inside the current call on this thread: kept until the call ends. */
  void hostCall(WasmPhase phase) {
    List<WasmPhase> buffered = hostCalls.get();
    if (buffered.size() < MAX_BUFFERED_HOST_CALLS) {
      buffered.add(phase);
    } else {
      hostCallsNotBuffered.incrementAndGet();
    }
  }

  /**
   * An outermost call ended: makes its span if it lasted long enough, and the spans of its host
   * calls.
   *
   * @return the call's span context, or an invalid one when no span was made (or the sampler
   *     dropped it)
   */
  SpanContext call(WasmPhase phase, SpanContext applicationParent) {
    List<WasmPhase> buffered = hostCalls.get();
    try {
      Context parent = parentContext(applicationParent);
      SpanContext callSpan = SpanContext.getInvalid();
      if (phase.durationNanos() >= callMinNanos || !phase.ok()) {
        callSpan = emit(phase, parent);
        parent = parent.with(Span.wrap(callSpan));
      }
      for (WasmPhase hostCall : buffered) {
        if (hostCall.durationNanos() >= hostCallMinNanos || !hostCall.ok()) {
          emit(hostCall, parent);
        }
      }
      return callSpan;
    } finally {
      buffered.clear();
    }
  }

  private SpanContext emit(WasmPhase phase, Context parent) {
    Span span =
        tracer
            .spanBuilder(name(phase))
            .setParent(parent)
            .setSpanKind(SpanKind.INTERNAL)
            .setStartTimestamp(phase.startEpochNanos(), TimeUnit.NANOSECONDS)
            .setAllAttributes(WasmAttributes.ofSpan(phase))
            .startSpan();
    if (!phase.ok()) {
      span.setStatus(StatusCode.ERROR, phase.outcome());
      if (phase.failure() != null) {
        span.addEvent(
            "exception", exception(phase.failure()), phase.endEpochNanos(), TimeUnit.NANOSECONDS);
      }
    }
    span.end(phase.endEpochNanos(), TimeUnit.NANOSECONDS);
    if (span.getSpanContext().isSampled()) {
      counters.spanEnded();
    }
    return span.getSpanContext();
  }

  private static Context parentContext(SpanContext applicationParent) {
    return applicationParent.isValid()
        ? Context.root().with(Span.wrap(applicationParent))
        : Context.root();
  }

  static String name(WasmPhase phase) {
    switch (phase.kind()) {
      case COMPILE:
        return "wasm compile";
      case INSTANTIATE:
        return "wasm instantiate";
      case CALL:
        return phase.export() == null ? "wasm call" : "wasm call " + phase.export();
      case HOST_CALL:
        return phase.importName() == null ? "wasm host" : "wasm host " + phase.importName();
      default:
        return "wasm teardown";
    }
  }

  /** The {@code exception} event of a failure recorded as {@code "class: message"}. */
  private static Attributes exception(String failure) {
    int colon = failure.indexOf(": ");
    return colon < 0
        ? Attributes.of(EXCEPTION_TYPE, failure)
        : Attributes.of(
            EXCEPTION_TYPE,
            failure.substring(0, colon),
            EXCEPTION_MESSAGE,
            failure.substring(colon + 2));
  }
}
