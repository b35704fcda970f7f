package dev.wasmlens.otel;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what becomes of the spans WasmLens ends: exported, failed to export, or never handed to
 * the exporter (dropped from the batch processor's bounded queue when the backend cannot keep up).
 * Thread-safe.
 */
public final class ExportCounters {
  private final AtomicLong ended = new AtomicLong();
  private final AtomicLong exported = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  /** Spans WasmLens ended. */
  public long ended() {
    return ended.get();
  }

  /** Spans the exporter reported as delivered. */
  public long exported() {
    return exported.get();
  }

  /** Spans whose export failed (backend down, refusing, or timing out). */
  public long failed() {
    return failed.get();
  }

  /**
   * Spans that were ended but neither exported nor failed: dropped from the queue, or still in it.
   * Exact once the SDK has been shut down.
   */
  public long droppedOrPending() {
    return Math.max(0, ended() - exported() - failed());
  }

  void spanEnded() {
    ended.incrementAndGet();
  }

  /** Wraps {@code exporter} so that its results are counted here. */
  SpanExporter counting(SpanExporter exporter) {
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        int count = spans.size();
        CompletableResultCode result = exporter.export(spans);
        result.whenComplete(() -> (result.isSuccess() ? exported : failed).addAndGet(count));
        return result;
      }

      @Override
      public CompletableResultCode flush() {
        return exporter.flush();
      }

      @Override
      public CompletableResultCode shutdown() {
        return exporter.shutdown();
      }

      @Override
      public String toString() {
        return "Counting" + exporter;
      }
    };
  }
}
