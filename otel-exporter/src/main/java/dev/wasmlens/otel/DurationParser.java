package dev.wasmlens.otel;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations the way OpenTelemetry writes them: {@code 250us}, {@code 1ms}, {@code 2s}; a bare
 * number is ms.
 */
final class DurationParser {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ns|us|µs|ms|s|m)?");

  private DurationParser() {}

  /**
   * @throws IllegalArgumentException naming the setting when {@code value} is not a duration
   */
  static Duration parse(String setting, String value) {
    Matcher matcher = DURATION.matcher(value.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          setting + "=" + value + " is not a duration (examples: 0, 250us, 1ms, 2s)");
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
    switch (unit) {
      case "ns":
        return Duration.ofNanos(amount);
      case "us":
      case "µs":
        return Duration.ofNanos(amount * 1_000);
      case "s":
        return Duration.ofSeconds(amount);
      case "m":
        return Duration.ofMinutes(amount);
      default:
        return Duration.ofMillis(amount);
    }
  }
}
