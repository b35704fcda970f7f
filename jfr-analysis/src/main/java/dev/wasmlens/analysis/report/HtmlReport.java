package dev.wasmlens.analysis.report;

import dev.wasmlens.analysis.Analysis;
import dev.wasmlens.analysis.Distributions;
import dev.wasmlens.analysis.attribution.AttributedOperation;
import dev.wasmlens.analysis.attribution.AttributedRequest;
import dev.wasmlens.analysis.attribution.Cause;
import dev.wasmlens.analysis.attribution.Share;
import dev.wasmlens.analysis.attribution.TimeSplit;
import dev.wasmlens.analysis.read.Interval;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The analysis as one self-contained HTML page (no script, no external resource): the latency
 * distribution per phase, the tail's time by cause, and a timeline of the slowest operations
 * against pauses, compilations and lock waits. Charts are inline SVG.
 */
public final class HtmlReport {
  static final int WIDTH = 900;

  /**
   * Room for a timeline row's label: the longest, "instantiate sha256:0123456789ab", in 11px type.
   */
  private static final int TIMELINE_LABEL_WIDTH = 200;

  private static final int BAR_WIDTH = 200;
  private static final int BAR_HEIGHT = 12;
  static final Map<Cause, String> COLORS =
      Map.of(
          Cause.HOST_FUNCTIONS, "#4e79a7",
          Cause.GC_SAFEPOINT, "#e15759",
          Cause.CONTENTION, "#f28e2b",
          Cause.COLD_START, "#76b7b2",
          Cause.JIT, "#b07aa1",
          Cause.CPU_STARVATION, "#edc948",
          Cause.ON_CPU, "#59a14f",
          Cause.UNEXPLAINED, "#bab0ac");

  private HtmlReport() {}

  /**
   * Writes the page: the run's {@code problems}, then a section per service, with at most {@code
   * top} operations on each timeline and table.
   */
  public static void write(List<Analysis> services, List<String> problems, int top, Writer out)
      throws IOException {
    StringBuilder html = new StringBuilder();
    html.append(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>WasmLens analysis</title>\n")
        .append(
            "<style>body{font-family:sans-serif;margin:2em;max-width:960px}table{border-collapse:collapse}")
        .append(
            "td,th{padding:2px 8px;text-align:right;border-bottom:1px solid #ddd}td:first-child,th:first-child")
        .append(
            "{text-align:left}.problem{color:#b00}.warning{color:#a60}svg text{font-size:11px}</style>\n")
        .append("</head><body>\n<h1>WasmLens analysis</h1>\n");
    problems.forEach(p -> html.append("<p class=\"problem\">").append(escape(p)).append("</p>\n"));
    for (Analysis analysis : services) {
      html.append("<h2>")
          .append(escape(analysis.service()))
          .append(" on ")
          .append(
              escape(
                  analysis.hosts().isEmpty()
                      ? "unknown hosts"
                      : String.join(", ", analysis.hosts())))
          .append("</h2>\n<p>")
          .append(escape(String.join(", ", analysis.files())))
          .append("</p>\n");
      analysis
          .warnings()
          .forEach(w -> html.append("<p class=\"warning\">").append(escape(w)).append("</p>\n"));
      distributions(analysis, html);
      causes(analysis, html);
      LatencyOverTimeChart.append(analysis, html);
      timeline(analysis, top, html);
      slowest(analysis, top, html);
      requests(analysis, top, html);
    }
    html.append("</body></html>\n");
    out.write(html.toString());
  }

  private static void distributions(Analysis analysis, StringBuilder html) {
    List<Distributions.Row> phases =
        analysis.distributions().stream()
            .filter(r -> r.module() == null && r.name() == null)
            .toList();
    html.append("<h3>Latency by phase</h3>\n");
    if (phases.isEmpty()) {
      html.append("<p>No wasm operations.</p>\n");
      return;
    }
    long max = phases.stream().mapToLong(Distributions.Row::maxNanos).max().orElse(1);
    long min = Math.max(1, phases.stream().mapToLong(Distributions.Row::p50Nanos).min().orElse(1));
    int rowHeight = 22;
    int left = 90;
    html.append(svgOpen(phases.size() * rowHeight + 30));
    String[] labels = {"p50", "p90", "p99", "p99.9", "max"};
    String[] shades = {"#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"};
    for (int i = 0; i < phases.size(); i++) {
      Distributions.Row row = phases.get(i);
      long[] values = {
        row.p50Nanos(), row.p90Nanos(), row.p99Nanos(), row.p999Nanos(), row.maxNanos()
      };
      int y = i * rowHeight + 5;
      html.append(text(2, y + 14, row.phase() + " (" + row.count() + ")"));
      for (int v = values.length - 1; v >= 0; v--) {
        if (v < values.length - 1 && !row.supports(labels[v])) {
          continue; // too few operations: the percentile would only repeat the slowest
        }
        int width = logWidth(values[v], min, max, WIDTH - left - 10);
        html.append(
            rect(
                left,
                y,
                width,
                rowHeight - 6,
                shades[v],
                labels[v] + " " + Durations.format(values[v])));
      }
    }
    html.append(
        text(
            left,
            phases.size() * rowHeight + 22,
            "log scale, "
                + Durations.format(min)
                + " to "
                + Durations.format(max)
                + "; shades: p50, p90, p99, p99.9, max (a percentile is left out of a phase with"
                + " too few operations for it)"));
    html.append("</svg>\n");
  }

  private static void causes(Analysis analysis, StringBuilder html) {
    html.append("<h3>The tail by cause</h3>\n<p>")
        .append(analysis.tail().size())
        .append(" operations at or above their phase's threshold.</p>\n")
        .append(svgOpen(40));
    double x = 0;
    for (Cause cause : Cause.values()) {
      double share = analysis.causes().get(cause).shareOfTime();
      double width = share * WIDTH;
      if (width > 0) {
        html.append(
            rect(
                (int) x,
                0,
                (int) Math.ceil(width),
                28,
                COLORS.get(cause),
                cause.label() + " " + String.format("%.1f%%", 100 * share)));
        x += width;
      }
    }
    html.append(
        "</svg>\n<table><tr><th>cause</th><th>share of tail time</th><th>main cause of</th></tr>\n");
    for (Cause cause : Cause.values()) {
      Analysis.CauseTotal total = analysis.causes().get(cause);
      html.append(
          String.format(
              "<tr><td><span style=\"color:%s\">&#9632;</span> %s</td><td>%.1f%%</td><td>%d (%.1f%%)</td></tr>%n",
              COLORS.get(cause),
              escape(cause.label()),
              100 * total.shareOfTime(),
              total.mainCauseOf(),
              100 * total.shareOfOperations()));
    }
    html.append("</table>\n");
  }

  private static void timeline(Analysis analysis, int top, StringBuilder html) {
    List<AttributedOperation> slowest = analysis.tail().stream().limit(top).toList();
    html.append("<h3>Timeline of the slowest operations</h3>\n");
    if (slowest.isEmpty()) {
      html.append("<p>No slow operation.</p>\n");
      return;
    }
    long from = slowest.stream().mapToLong(a -> a.operation().startNanos()).min().getAsLong();
    long to = slowest.stream().mapToLong(a -> a.operation().endNanos()).max().getAsLong();
    long span = Math.max(1, to - from);
    int left = TIMELINE_LABEL_WIDTH;
    int plot = WIDTH - left - 10;
    int rows = 3 + slowest.size();
    html.append(svgOpen(rows * 16 + 30));
    Analysis.Timeline timeline = analysis.timeline();
    band(
        html,
        "pauses",
        0,
        timeline.pauses(),
        from,
        span,
        left,
        plot,
        COLORS.get(Cause.GC_SAFEPOINT));
    band(
        html,
        "compilations",
        1,
        timeline.compilations(),
        from,
        span,
        left,
        plot,
        COLORS.get(Cause.JIT));
    band(
        html,
        "lock waits",
        2,
        timeline.lockWaits(),
        from,
        span,
        left,
        plot,
        COLORS.get(Cause.CONTENTION));
    for (int i = 0; i < slowest.size(); i++) {
      AttributedOperation attributed = slowest.get(i);
      int y = (3 + i) * 16 + 4;
      String label = attributed.operation().phase().label() + " " + attributed.operation().name();
      // The whole label, in full: a module's hash prefix is what tells two operations apart.
      html.append(text(2, y + 10, label));
      double x = left + plot * (double) (attributed.operation().startNanos() - from) / span;
      for (Share share : attributed.shares()) {
        double width = Math.max(1, plot * (double) share.nanos() / span);
        html.append(
            rect(
                (int) x,
                y,
                (int) Math.ceil(width),
                12,
                COLORS.get(share.cause()),
                share.cause().label()
                    + " "
                    + Durations.format(share.nanos())
                    + ": "
                    + share.evidence()));
        x += width;
      }
    }
    html.append(
        text(left, rows * 16 + 22, Durations.format(span) + " from the first to the last end"));
    html.append(
        "</svg>\n<p>Each operation's bar is split by cause in the order the causes were applied, not in"
            + " time order.</p>\n");
  }

  private static void band(
      StringBuilder html,
      String label,
      int row,
      List<Interval> intervals,
      long from,
      long span,
      int left,
      int plot,
      String color) {
    int y = row * 16 + 4;
    html.append(text(2, y + 10, label));
    for (Interval interval : intervals) {
      double x = left + plot * (double) (Math.max(interval.startNanos(), from) - from) / span;
      double width =
          Math.max(
              1,
              plot * (double) (interval.endNanos() - Math.max(interval.startNanos(), from)) / span);
      if (x <= left + plot) {
        html.append(
            rect(
                (int) x,
                y,
                (int) Math.ceil(Math.min(width, left + plot - x + 1)),
                12,
                color,
                interval.what()
                    + " "
                    + Durations.format(interval.endNanos() - interval.startNanos())));
      }
    }
  }

  private static void slowest(Analysis analysis, int top, StringBuilder html) {
    html.append("<h3>Slowest operations</h3>\n<table><tr><th>operation</th><th>duration</th>")
        .append("<th>on CPU / waiting for a CPU / stolen / blocked</th><th>main cause</th>")
        .append("<th>evidence</th></tr>\n");
    for (AttributedOperation attributed : analysis.tail().stream().limit(top).toList()) {
      Share main =
          attributed.shares().stream()
              .filter(s -> s.cause() == attributed.mainCause())
              .findFirst()
              .orElseThrow();
      html.append("<tr><td>")
          .append(
              escape(
                  attributed.operation().phase().label()
                      + " "
                      + attributed.operation().name()
                      + " on "
                      + attributed.operation().threadName()))
          .append("</td><td>")
          .append(Durations.format(attributed.operation().durationNanos()))
          .append("</td><td>")
          .append(escape(split(attributed.split())))
          .append("</td><td>")
          .append(
              escape(
                  main.cause().label()
                      + " ("
                      + main.strength().name().toLowerCase(java.util.Locale.ROOT)
                      + ")"))
          .append("</td><td style=\"text-align:left\">")
          .append(escape(main.evidence()))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private static String split(TimeSplit split) {
    return split.measured()
        ? Durations.format(split.onCpuNanos())
            + " / "
            + Durations.format(split.runQueueNanos())
            + " / "
            + Durations.format(split.stolenNanos())
            + " / "
            + Durations.format(split.blockedNanos())
        : "not measured";
  }

  /** The slow requests, each with its wasm time split by cause as a bar. */
  private static void requests(Analysis analysis, int top, StringBuilder html) {
    if (analysis.requests().isEmpty()) {
      return;
    }
    html.append("<h3>Slowest requests</h3>\n<p>")
        .append(analysis.requests().size())
        .append(" traces whose wasm time is at or above ")
        .append(Durations.format(analysis.requestThresholdNanos()))
        .append(
            "</p>\n<table><tr><th>trace</th><th>wasm time</th><th>operations</th><th>main cause</th>")
        .append("<th>by cause</th></tr>\n");
    for (AttributedRequest attributed : analysis.requests().stream().limit(top).toList()) {
      AttributedRequest.RequestSummary request = attributed.request();
      StringBuilder bar = new StringBuilder(svgOpen(BAR_WIDTH, BAR_HEIGHT));
      int x = 0;
      for (Share share : attributed.shares()) {
        int width = (int) Math.round((double) BAR_WIDTH * share.nanos() / request.wasmNanos());
        bar.append(
            rect(
                x,
                0,
                width,
                BAR_HEIGHT,
                COLORS.get(share.cause()),
                share.cause().label() + ": " + Durations.format(share.nanos())));
        x += width;
      }
      bar.append("</svg>");
      html.append("<tr><td>")
          .append(escape(request.traceId()))
          .append("</td><td>")
          .append(Durations.format(request.wasmNanos()))
          .append("</td><td>")
          .append(request.operationCount())
          .append("</td><td>")
          .append(escape(attributed.mainCause().label()))
          .append("</td><td>")
          .append(bar)
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private static int logWidth(long value, long min, long max, int width) {
    if (value <= min) {
      return 2;
    }
    double scaled =
        Math.log((double) value / min) / Math.log((double) Math.max(max, min + 1) / min);
    return Math.max(2, (int) (scaled * width));
  }

  static String svgOpen(int height) {
    return svgOpen(WIDTH, height);
  }

  private static String svgOpen(int width, int height) {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
        + width
        + "\" height=\""
        + height
        + "\">\n";
  }

  private static String rect(int x, int y, int width, int height, String color, String title) {
    return "<rect x=\""
        + x
        + "\" y=\""
        + y
        + "\" width=\""
        + width
        + "\" height=\""
        + height
        + "\" fill=\""
        + color
        + "\"><title>"
        + escape(title)
        + "</title></rect>\n";
  }

  static String text(int x, int y, String text) {
    return "<text x=\"" + x + "\" y=\"" + y + "\">" + escape(text) + "</text>\n";
  }

  static String escape(String text) {
    return text == null
        ? ""
        : text.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\"", "&quot;");
  }
}
