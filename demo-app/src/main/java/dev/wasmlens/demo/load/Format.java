package dev.wasmlens.demo.load;

/** Durations for people: µs below a millisecond, ms below a second, s above. */
public final class Format {
  private Format() {}

  public static String nanos(long nanos) {
    if (nanos < 1_000_000) {
      return String.format("%.1f us", nanos / 1e3);
    }
    if (nanos < 1_000_000_000) {
      return String.format("%.2f ms", nanos / 1e6);
    }
    return String.format("%.2f s", nanos / 1e9);
  }
}
