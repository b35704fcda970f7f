package dev.wasmlens.agent.it;

import java.util.HashMap;
import java.util.Map;

/**
 * What a test app printed about itself: {@code name value} lines, counts, and the {@code
 * bytes-per-call} its thread allocated per measured call.
 */
final class AppReport {
  /**
   * How many more bytes per measured call than the bare JVM still mean "nothing allocated per
   * call": any object a call allocated would cost at least 16 bytes each time, while a one-off
   * allocation (an event committed during the measured calls, a class loaded, code not yet
   * compiled) spread over the measured calls adds about a byte, as measured here (192.98 against
   * 192.0).
   */
  static final double ONE_OFF_BYTES_PER_CALL = 8;

  private static final String BYTES_PER_CALL = "bytes-per-call";

  private AppReport() {}

  /** The {@code name value} lines of {@code result}'s output, but bytes-per-call. */
  static Map<String, Long> counts(ChildJvm.Result result) {
    Map<String, Long> values = new HashMap<>();
    for (String line : result.stdout().split("\n")) {
      String[] parts = line.trim().split(" ");
      if (parts.length == 2 && !parts[0].equals(BYTES_PER_CALL)) {
        values.put(parts[0], Long.parseLong(parts[1]));
      }
    }
    return values;
  }

  /** The heap bytes the app's thread allocated per measured call. */
  static double bytesPerCall(ChildJvm.Result result) {
    return result
        .stdout()
        .lines()
        .filter(line -> line.startsWith(BYTES_PER_CALL + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(BYTES_PER_CALL.length() + 1)))
        .findFirst()
        .orElseThrow();
  }
}
