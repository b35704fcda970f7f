package dev.wasmlens.analysis;

import dev.wasmlens.analysis.attribution.Attributor;
import dev.wasmlens.analysis.attribution.Attributor.Requirement;
import dev.wasmlens.analysis.attribution.RequiredEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Says when a recording cannot support a cause: an event a rule reads was off, or its threshold hid
 * the short ones. The list follows from the rules' own declarations ({@link
 * Attributor#requirements()}); the advice is always the same: record with the agent's settings
 * ({@code wasmlens.jfr.file=...}, or {@code java -jar wasmlens-agent.jar jfc}).
 */
final class SettingsCheck {
  private static final String ADVICE =
      "record with the agent's settings (wasmlens.jfr.file=..., or java -jar wasmlens-agent.jar jfc)";
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ns|us|ms|s)");

  private SettingsCheck() {}

  /**
   * One line per required event the recording's settings ({@code event#setting -> value}, from
   * {@code jdk.ActiveSetting}) leave off or above its threshold; none when there are no settings.
   */
  static List<String> warnings(Map<String, String> settings) {
    return warnings(settings, Attributor.requirements());
  }

  static List<String> warnings(Map<String, String> settings, List<Requirement> requirements) {
    List<String> warnings = new ArrayList<>();
    if (settings.isEmpty()) {
      return warnings;
    }
    Map<String, List<Requirement>> byEvent = new LinkedHashMap<>();
    for (Requirement requirement : requirements) {
      byEvent
          .computeIfAbsent(requirement.required().event(), e -> new ArrayList<>())
          .add(requirement);
    }
    for (Map.Entry<String, List<Requirement>> entry : byEvent.entrySet()) {
      String event = entry.getKey();
      List<Requirement> needing = entry.getValue();
      long strictest =
          needing.stream().mapToLong(r -> r.required().maxThresholdNanos()).min().orElseThrow();
      String problem;
      if (!"true".equals(settings.get(event + "#enabled"))) {
        problem = event + " was off";
      } else if (strictest != RequiredEvent.ANY_THRESHOLD
          && nanos(settings.get(event + "#threshold")) > strictest) {
        problem =
            event
                + " had a threshold of "
                + settings.get(event + "#threshold")
                + " (at most "
                + (strictest == 0 ? "0 ms" : strictest / 1_000_000 + " ms")
                + " needed)";
      } else {
        continue;
      }
      warnings.add(
          problem
              + ": "
              + needing.get(0).required().withoutIt()
              + " ("
              + needing.stream().map(Requirement::rule).distinct().collect(Collectors.joining(", "))
              + "); "
              + ADVICE);
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

  /**
   * The warning for a diagnosis recording of an agent before {@code voluntarySwitches}: time stolen
   * from a thread that was preempted but never blocked stays blocked.
   */
  static String callsWithoutVoluntarySwitches(long calls) {
    return calls
        + " calls carry the run-queue wait but no voluntary switches (an older agent): time the"
        + " hypervisor took from a thread that was switched out but never blocked cannot be told"
        + " from blocked time, and stays unexplained; record with this version's agent";
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
