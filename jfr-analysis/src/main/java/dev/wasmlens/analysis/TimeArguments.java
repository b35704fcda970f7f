package dev.wasmlens.analysis;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The command line's times: durations such as {@code 3s}, {@code 500ms}, {@code 1.5m} and instants
 * in ISO-8601 with a zone offset ({@code 2026-12-01T10:00:03Z}, {@code
 * 2026-12-01T11:00:03.250+01:00}). A bad value is a one-line usage error naming it.
 */
final class TimeArguments {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h)");

  private TimeArguments() {}

  /** A duration: a non-negative number and a unit, ns, us, ms, s, m or h. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Matcher matcher = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
      if (!matcher.matches()) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a duration: a number and a unit, ns, us, ms, s, m or h (3s)");
      }
      double nanosPerUnit =
          switch (matcher.group(2)) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
          };
      double nanos = Double.parseDouble(matcher.group(1)) * nanosPerUnit;
      if (nanos >= Long.MAX_VALUE) {
        throw new CommandLine.TypeConversionException("'" + value + "' is too long a duration");
      }
      return Duration.ofNanos(Math.round(nanos));
    }
  }

  /** An instant: ISO-8601 with a zone offset. */
  static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return OffsetDateTime.parse(value.trim()).toInstant();
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException(
            "'"
                + value
                + "' is not an instant: ISO-8601 with a zone offset, 2026-12-01T10:00:03Z or"
                + " 2026-12-01T11:00:03.250+01:00");
      }
    }
  }
}
