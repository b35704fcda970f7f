package dev.wasmlens.analysis.report;

import dev.wasmlens.analysis.Analysis;
import dev.wasmlens.analysis.Distributions;
import dev.wasmlens.analysis.attribution.AttributedOperation;
import dev.wasmlens.analysis.attribution.AttributedRequest;
import dev.wasmlens.analysis.attribution.Cause;
import dev.wasmlens.analysis.attribution.Share;
import dev.wasmlens.analysis.attribution.TimeSplit;
import dev.wasmlens.analysis.read.WasmOperation;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * The analysis for a terminal: problems and warnings first, then distributions, the tail's causes,
 * the slowest.
 */
public final class TextReport {
  private TextReport() {}

  /**
   * Writes the run's {@code problems}, then each service's analysis, listing at most {@code top}
   * slow operations and requests.
   */
  public static void write(
      List<Analysis> services, List<String> problems, int top, PrintWriter out) {
    problems.forEach(p -> out.println("problem: " + p));
    if (services.isEmpty()) {
      out.println("nothing to analyze");
    }
    for (Analysis analysis : services) {
      write(analysis, top, out);
    }
    out.flush();
  }

  private static void write(Analysis analysis, int top, PrintWriter out) {
    out.printf(
        "%n== %s on %s: %d recording(s) ==%n",
        analysis.service(),
        analysis.hosts().isEmpty() ? "unknown hosts" : String.join(", ", analysis.hosts()),
        analysis.files().size());
    analysis.warnings().forEach(w -> out.println("warning: " + w));
    out.printf("%nLatency by phase and operation (%s)%n", String.join(", ", analysis.files()));
    out.printf(
        "%-12s %-24s %-20s %9s %10s %10s %10s %10s %10s%n",
        "phase", "module", "name", "count", "p50", "p90", "p99", "p99.9", "max");
    for (Distributions.Row row : analysis.distributions()) {
      out.printf(
          "%-12s %-24s %-20s %9d %10s %10s %10s %10s %10s%n",
          row.phase(),
          row.module() == null ? (row.name() == null ? "(all)" : "") : clip(row.module(), 24),
          row.name() == null ? "" : clip(row.name(), 20),
          row.count(),
          percentile(row, "p50", row.p50Nanos()),
          percentile(row, "p90", row.p90Nanos()),
          percentile(row, "p99", row.p99Nanos()),
          percentile(row, "p99.9", row.p999Nanos()),
          Durations.format(row.maxNanos()));
    }
    if (analysis.distributions().stream().anyMatch(r -> !r.tooFewFor().isEmpty())) {
      out.println("(-: too few operations for that percentile, see max)");
    }
    out.printf(
        "%nThe tail: %d operations at or above p%s of their phase%n",
        analysis.tail().size(), format(analysis.percentile()));
    causes(analysis.causes(), "operations", out);
    out.printf("%nSlowest operations%n");
    int listed = 0;
    for (AttributedOperation attributed : analysis.tail()) {
      if (listed++ >= top) {
        break;
      }
      WasmOperation operation = attributed.operation();
      out.printf(
          "%s  %s %s%s on %s, %s, outcome %s%n",
          Durations.format(operation.durationNanos()),
          operation.phase().label(),
          operation.name(),
          // A host call's import belongs to no module the events name.
          operation.module() == null ? "" : " (" + operation.module() + ")",
          operation.threadName(),
          java.time.Instant.ofEpochSecond(0, operation.startNanos()),
          operation.outcome());
      TimeSplit split = attributed.split();
      if (split.measured()) {
        out.printf(
            "    measured: %s on CPU, %s waiting for a CPU, %s stolen, %s blocked%n",
            Durations.format(split.onCpuNanos()),
            Durations.format(split.runQueueNanos()),
            Durations.format(split.stolenNanos()),
            Durations.format(split.blockedNanos()));
      }
      shares(attributed.shares(), "    ", out);
    }
    if (analysis.requestThresholdNanos() > 0) {
      requests(analysis, top, out);
    }
  }

  /** The slow requests: their causes, then the slowest with their operations. */
  private static void requests(Analysis analysis, int top, PrintWriter out) {
    out.printf(
        "%nSlow requests: %d traces whose wasm time is at or above %s%n",
        analysis.requests().size(), Durations.format(analysis.requestThresholdNanos()));
    causes(analysis.requestCauses(), "requests", out);
    out.printf("%nSlowest requests%n");
    int listed = 0;
    for (AttributedRequest attributed : analysis.requests()) {
      if (listed++ >= top) {
        break;
      }
      AttributedRequest.RequestSummary request = attributed.request();
      out.printf(
          "%s in wasm  trace %s, %d operations over %s, %s%n",
          Durations.format(request.wasmNanos()),
          request.traceId(),
          request.operationCount(),
          Durations.format(request.endNanos() - request.startNanos()),
          java.time.Instant.ofEpochSecond(0, request.startNanos()));
      shares(attributed.shares(), "    ", out);
      for (AttributedOperation operation : attributed.operations()) {
        out.printf(
            "      %10s  %s %s, mainly %s%n",
            Durations.format(operation.operation().durationNanos()),
            operation.operation().phase().label(),
            operation.operation().name(),
            operation.mainCause().label());
      }
    }
  }

  private static void causes(Map<Cause, Analysis.CauseTotal> causes, String of, PrintWriter out) {
    out.printf("%-16s %8s %12s %14s%n", "cause", "of time", "main cause of", of);
    for (Cause cause : Cause.values()) {
      Analysis.CauseTotal total = causes.get(cause);
      out.printf(
          "%-16s %7.1f%% %11.1f%% %14d%n",
          cause.label(),
          100 * total.shareOfTime(),
          100 * total.shareOfOperations(),
          total.mainCauseOf());
    }
  }

  private static void shares(List<Share> shares, String indent, PrintWriter out) {
    for (Share share : shares) {
      out.printf(
          "%s%-16s %10s  %-6s %s%n",
          indent,
          share.cause().label(),
          Durations.format(share.nanos()),
          share.strength().name().toLowerCase(java.util.Locale.ROOT),
          share.evidence());
    }
  }

  /** A row's percentile, or {@code -} where the row has too few operations for it. */
  private static String percentile(Distributions.Row row, String label, long nanos) {
    return row.supports(label) ? Durations.format(nanos) : "-";
  }

  private static String clip(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 1) + "~";
  }

  private static String format(double percentile) {
    return percentile == Math.rint(percentile)
        ? String.valueOf((long) percentile)
        : String.valueOf(percentile);
  }
}
