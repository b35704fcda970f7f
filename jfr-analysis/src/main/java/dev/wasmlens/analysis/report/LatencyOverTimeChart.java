package dev.wasmlens.analysis.report;

import dev.wasmlens.analysis.Analysis;
import dev.wasmlens.analysis.LatencyOverTime;
import dev.wasmlens.analysis.attribution.AttributedOperation;
import java.util.List;
import java.util.Locale;

/**
 * The HTML report's latency over time: every operation's median and 99th percentile second by
 * second (lines), and each tail operation as a dot coloured by its main cause, on a log scale, with
 * a time axis in seconds from the first operation.
 */
final class LatencyOverTimeChart {
  private static final int HEIGHT = 240;
  private static final int LEFT = 60;
  private static final int RIGHT = 10;
  private static final int TOP = 10;
  private static final int BOTTOM = 40;
  private static final int TIME_TICKS = 10;
  private static final long SECOND_NANOS = 1_000_000_000L;

  private LatencyOverTimeChart() {}

  static void append(Analysis analysis, StringBuilder html) {
    List<LatencyOverTime.Point> points = analysis.overTime();
    if (points.isEmpty()) {
      return;
    }
    long from = points.get(0).startNanos();
    long to = points.get(points.size() - 1).startNanos() + SECOND_NANOS;
    long lowest = Long.MAX_VALUE;
    long highest = 1;
    for (LatencyOverTime.Point point : points) {
      lowest = Math.min(lowest, Math.max(1, point.p50Nanos()));
      highest = Math.max(highest, point.maxNanos());
    }
    for (AttributedOperation slow : analysis.tail()) {
      highest = Math.max(highest, slow.operation().durationNanos());
    }
    Scale scale =
        new Scale(from, to, Math.floor(Math.log10(lowest)), Math.ceil(Math.log10(highest)));
    html.append("<h3>Latency over time</h3>\n").append(HtmlReport.svgOpen(HEIGHT));
    axes(scale, html);
    html.append(line(points, scale, true, "#bbb")).append(line(points, scale, false, "#555"));
    for (AttributedOperation slow : analysis.tail()) {
      long start = slow.operation().startNanos();
      if (start < from || start > to) {
        continue;
      }
      html.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s</title></circle>%n",
              scale.x(start),
              scale.y(slow.operation().durationNanos()),
              HtmlReport.COLORS.get(slow.mainCause()),
              HtmlReport.escape(
                  slow.operation().phase().label()
                      + " "
                      + slow.operation().name()
                      + " "
                      + Durations.format(slow.operation().durationNanos())
                      + ": "
                      + slow.mainCause().label())));
    }
    html.append(
        "</svg>\n<p>Grey lines: the median (light) and the 99th percentile (dark) of all"
            + " operations started in each second. Dots: the tail, coloured by main cause"
            + " (hover for the operation).</p>\n");
  }

  private static void axes(Scale scale, StringBuilder html) {
    int bottom = HEIGHT - BOTTOM;
    html.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>%n"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>%n",
            LEFT,
            TOP,
            LEFT,
            bottom,
            LEFT,
            bottom,
            HtmlReport.WIDTH - RIGHT,
            bottom));
    for (double decade = scale.lowDecade; decade <= scale.highDecade; decade++) {
      long nanos = (long) Math.pow(10, decade);
      int y = (int) scale.y(nanos);
      html.append(HtmlReport.text(2, y + 4, Durations.format(nanos)))
          .append(
              String.format(
                  Locale.ROOT,
                  "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#eee\"/>%n",
                  LEFT,
                  y,
                  HtmlReport.WIDTH - RIGHT,
                  y));
    }
    double seconds = (scale.to - scale.from) / (double) SECOND_NANOS;
    double step = Math.max(1, Math.ceil(seconds / TIME_TICKS));
    for (double s = 0; s <= seconds; s += step) {
      long at = scale.from + (long) (s * SECOND_NANOS);
      int x = Math.min((int) scale.x(at) - 8, HtmlReport.WIDTH - RIGHT - 30);
      html.append(HtmlReport.text(x, bottom + 14, String.format(Locale.ROOT, "%.0f s", s)));
    }
    html.append(
        HtmlReport.text(
            LEFT, HEIGHT - 6, "seconds from " + java.time.Instant.ofEpochSecond(0, scale.from)));
  }

  private static String line(
      List<LatencyOverTime.Point> points, Scale scale, boolean median, String color) {
    StringBuilder polyline =
        new StringBuilder("<polyline fill=\"none\" stroke=\"").append(color).append("\" points=\"");
    for (LatencyOverTime.Point point : points) {
      long nanos = median ? point.p50Nanos() : point.p99Nanos();
      polyline.append(
          String.format(
              Locale.ROOT,
              "%.1f,%.1f ",
              scale.x(point.startNanos() + SECOND_NANOS / 2),
              scale.y(nanos)));
    }
    return polyline.append("\"/>\n").toString();
  }

  /** Time to x and log10 of nanoseconds to y, inside the plot's margins. */
  private record Scale(long from, long to, double lowDecade, double highDecade) {
    double x(long nanos) {
      return LEFT
          + (HtmlReport.WIDTH - LEFT - RIGHT) * (double) (nanos - from) / Math.max(1, to - from);
    }

    double y(long nanos) {
      double decades = Math.max(1, highDecade - lowDecade);
      double position = (Math.log10(Math.max(1, nanos)) - lowDecade) / decades;
      return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * Math.min(1, Math.max(0, position));
    }
  }
}
