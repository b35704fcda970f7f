package dev.wasmlens.agent.it.locks;

import java.util.Optional;

/**
 * What {@link CompileWaitProbe} measured, in nanoseconds: the compile alone, the same compile with
 * the stores created during it, how much of the compile was left when the stores were started, and
 * how long the store on the compile's engine and the store on another engine took.
 */
public record CompileWait(
    long compileAloneNanos,
    long compileNanos,
    long remainingAtStoreStartNanos,
    long sameEngineStoreNanos,
    long otherEngineStoreNanos) {
  private static final String PREFIX = "compile-wait";

  String format() {
    return String.join(
        "\t",
        PREFIX,
        Long.toString(compileAloneNanos),
        Long.toString(compileNanos),
        Long.toString(remainingAtStoreStartNanos),
        Long.toString(sameEngineStoreNanos),
        Long.toString(otherEngineStoreNanos));
  }

  /** The measurement a line of the probe's output holds; empty for any other line. */
  public static Optional<CompileWait> parse(String line) {
    String[] fields = line.split("\t", -1);
    if (fields.length != 6 || !fields[0].equals(PREFIX)) {
      return Optional.empty();
    }
    return Optional.of(
        new CompileWait(
            Long.parseLong(fields[1]),
            Long.parseLong(fields[2]),
            Long.parseLong(fields[3]),
            Long.parseLong(fields[4]),
            Long.parseLong(fields[5])));
  }
}
