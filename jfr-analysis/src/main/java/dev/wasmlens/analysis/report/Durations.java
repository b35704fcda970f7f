package dev.wasmlens.analysis.report;

/** Durations for people: µs below a millisecond, ms below a second, s above. */
final class Durations {
  private Durations() {}

  static String format(long nanos) {
    if (nanos < 1_000_000) {
      return String.format("%.1f us", nanos / 1e3);
    }
    if (nanos < 1_000_000_000) {
      return String.format("%.2f ms", nanos / 1e6);
    }
    return String.format("%.2f s", nanos / 1e9);
  }
}
