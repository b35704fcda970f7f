package dev.wasmlens.agent.it.locks;

import java.util.Optional;

/**
 * What the probe saw for one row, as one tab-separated line of the probe's output: the outcome, how
 * long the action took ({@code -1} if it never returned), how long after A's release it returned
 * ({@code -1} if it returned before or never), how long A was held when the probe released it, and
 * how long the same action took on an idle fixture. Durations in nanoseconds.
 */
public record RowResult(
    int index,
    LockRow.Outcome outcome,
    long actionNanos,
    long afterReleaseNanos,
    long heldNanos,
    long baselineNanos,
    String failure) {
  static final String NO_FAILURE = "-";
  private static final String PREFIX = "row";

  /** The line the probe prints. */
  String format() {
    return String.join(
        "\t",
        PREFIX,
        Integer.toString(index),
        outcome.name(),
        Long.toString(actionNanos),
        Long.toString(afterReleaseNanos),
        Long.toString(heldNanos),
        Long.toString(baselineNanos),
        failure.replace('\t', ' ').replace('\n', ' '));
  }

  /** The row a line of the probe's output describes; empty for any other line. */
  public static Optional<RowResult> parse(String line) {
    String[] fields = line.split("\t", -1);
    if (fields.length != 8 || !fields[0].equals(PREFIX)) {
      return Optional.empty();
    }
    return Optional.of(
        new RowResult(
            Integer.parseInt(fields[1]),
            LockRow.Outcome.valueOf(fields[2]),
            Long.parseLong(fields[3]),
            Long.parseLong(fields[4]),
            Long.parseLong(fields[5]),
            Long.parseLong(fields[6]),
            fields[7]));
  }
}
