package dev.wasmlens.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says when a recording cannot support a cause: an event was off, or its threshold hid the short
 * ones. The advice is always the same: record with the agent's settings ({@code
 * wasmlens.jfr.file=...}, or {@code java -jar wasmlens-agent.jar jfc}).
 */
final class SettingsCheck {
  /** Lock waits shorter than this still matter to a millisecond-scale call. */
  static final long MAX_LOCK_THRESHOLD_NANOS = 1_000_000;

  private static final String ADVICE =
      "record with the agent's settings (wasmlens.jfr.file=..., or java -jar wasmlens-agent.jar jfc)";
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ns|us|ms|s)");

  private SettingsCheck() {}

  static List<String> warnings(Map<String, String> settings) {
    List<String> warnings = new ArrayList<>();
    if (settings.isEmpty()) {
      return warnings;
    }
    if (!"true".equals(settings.get("jdk.SafepointEnd#enabled"))) {
      warnings.add(
          "jdk.SafepointEnd was off: safepoint pauses are missing, only GC pauses count; "
              + ADVICE);
    }
    for (String event : new String[] {"jdk.JavaMonitorEnter", "jdk.ThreadPark"}) {
      long threshold = nanos(settings.get(event + "#threshold"));
      if (!"true".equals(settings.get(event + "#enabled"))
          || threshold > MAX_LOCK_THRESHOLD_NANOS) {
        warnings.add(
            event
                + " was off or above 1 ms ("
                + settings.get(event + "#threshold")
                + "): shorter lock waits are missing; "
                + ADVICE);
      }
    }
    if (!"true".equals(settings.get("jdk.Compilation#enabled"))
        || nanos(settings.get("jdk.Compilation#threshold")) > 0) {
      warnings.add(
          "jdk.Compilation was off or had a threshold: JIT evidence is incomplete; " + ADVICE);
    }
    return warnings;
  }

  /**
   * The warning for a recording whose calls carry no CPU time: the agent's default ({@code
   * wasmlens.cpu-time=setup}) keeps hot calls from paying for the CPU clock.
   */
  static String callsWithoutCpuTime(long calls) {
    return calls
        + " calls carry no CPU time: for calls, CPU starvation cannot be named and pause evidence is"
        + " weaker; to diagnose calls, record with wasmlens.cpu-time=all";
  }

  /**
   * The warning for a recording whose calls carry CPU time but no run-queue wait (an agent older
   * than diagnosis recordings, or a system without schedstat): starvation is inferred, as before.
   */
  static String callsWithoutRunQueueWait(long calls) {
    return calls
        + " calls carry CPU time but no run-queue wait: waiting for a CPU cannot be told from"
        + " being blocked, so CPU starvation is inferred, not measured; record with this version's"
        + " agent and wasmlens.cpu-time=all on Linux";
  }

  /** The warning for a diagnosis recording without the thread sampler's events. */
  static String noThreadSamples() {
    return "the run-queue wait is measured but there are no thread samples (wasmlens.ThreadSample):"
        + " who had the CPUs meanwhile is not named; keep wasmlens.sampler.period on";
  }

  private static long nanos(String value) {
    if (value == null) {
      return Long.MAX_VALUE;
    }
    if (value.trim().equals("0") || value.trim().startsWith("0 ")) {
      return 0;
    }
    Matcher matcher = DURATION.matcher(value.trim());
    if (!matcher.matches()) {
      return Long.MAX_VALUE;
    }
    long amount = Long.parseLong(matcher.group(1));
    switch (matcher.group(2)) {
      case "ns":
        return amount;
      case "us":
        return amount * 1_000;
      case "ms":
        return amount * 1_000_000;
      default:
        return amount * 1_000_000_000;
    }
  }
}
