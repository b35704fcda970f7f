package dev.wasmlens.agent;

import dev.wasmlens.agent.bootstrap.ThreadCpuClock;
import dev.wasmlens.agent.sampler.ThreadSampler;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The agent's settings. Each setting {@code wasmlens.NAME} is read, first found wins, from the
 * agent arguments ({@code -javaagent:wasmlens-agent.jar=NAME=value,NAME=value}), the system
 * property {@code wasmlens.NAME}, and the environment variable {@code WASMLENS_NAME} (upper case,
 * dots and dashes as underscores). The scheme follows OpenTelemetry's {@code otel.*} / {@code
 * OTEL_*}; {@code otel.instrumentation.wasmtime.enabled} is honoured as well so that one switch
 * turns WasmLens off however it is deployed. See docs/configuration.md.
 */
final class AgentConfig {
  static final String PREFIX = "wasmlens.";
  static final String OTEL_ENABLED = "otel.instrumentation.wasmtime.enabled";

  private final Map<String, String> agentArgs;
  private final Properties systemProperties;
  private final Map<String, String> environment;

  /** {@link #diagnosis()}, once read: the cpu-time scope and the sampler both ask. */
  private Boolean diagnosis;

  private AgentConfig(
      Map<String, String> agentArgs, Properties systemProperties, Map<String, String> environment) {
    this.agentArgs = agentArgs;
    this.systemProperties = systemProperties;
    this.environment = environment;
  }

  /**
   * Reads the settings.
   *
   * @throws IllegalArgumentException when {@code agentArgs} is not a list of {@code name=value}
   *     pairs
   */
  static AgentConfig read(
      String agentArgs, Properties systemProperties, Map<String, String> environment) {
    return new AgentConfig(parseAgentArgs(agentArgs), systemProperties, environment);
  }

  /** {@code wasmlens.enabled} (default true): false leaves every class untouched. */
  boolean enabled() {
    String otel =
        systemProperties.getProperty(OTEL_ENABLED, environment.get(envName(OTEL_ENABLED)));
    return bool("enabled", otel == null || Boolean.parseBoolean(otel.trim()));
  }

  /**
   * {@code wasmlens.jfr.file}: when set, the agent starts a JFR recording with its attribution
   * settings and writes it to this file at exit. Null when not set.
   */
  String jfrFile() {
    return get("jfr.file");
  }

  /**
   * {@code wasmlens.jfr.base} (default {@code profile}): the JDK settings the attribution settings
   * refine.
   */
  String jfrBase() {
    String base = get("jfr.base");
    return base == null ? "profile" : base;
  }

  /**
   * {@code wasmlens.cpu-time} (default {@code setup}): the phases that read the thread's CPU clock
   * for their {@code cpuTime} field: {@code all}, {@code setup} (every phase but calls) or {@code
   * off}. Any other value is said in one line, and the default applies.
   */
  ThreadCpuClock.Scope cpuTime() {
    try {
      return checkedCpuTime();
    } catch (IllegalArgumentException e) {
      boolean diagnosis = diagnosis();
      AgentLog.info(e.getMessage() + (diagnosis ? "; using all" : "; using setup"));
      return diagnosis ? ThreadCpuClock.Scope.ALL : ThreadCpuClock.Scope.SET_UP;
    }
  }

  /**
   * {@link #cpuTime}, for a command that checks the options before it hands them to an agent.
   *
   * @throws IllegalArgumentException for a value other than all, setup or off
   */
  ThreadCpuClock.Scope checkedCpuTime() {
    String value = get("cpu-time");
    if (diagnosis()) {
      if (value != null && !value.equalsIgnoreCase("all")) {
        throw new IllegalArgumentException(
            PREFIX + "cpu-time is '" + value + "' but " + PREFIX + "diagnosis is true; drop one");
      }
      return ThreadCpuClock.Scope.ALL;
    }
    if (value == null) {
      return ThreadCpuClock.Scope.SET_UP;
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "all":
        return ThreadCpuClock.Scope.ALL;
      case "setup":
        return ThreadCpuClock.Scope.SET_UP;
      case "off":
        return ThreadCpuClock.Scope.OFF;
      default:
        throw new IllegalArgumentException(
            PREFIX + "cpu-time is '" + value + "'; it must be all, setup or off");
    }
  }

  /**
   * {@code wasmlens.diagnosis} (default false): true records every call as an event, with its CPU
   * time, run-queue wait and switches, and runs the thread sampler; the same as {@code
   * cpu-time=all}. Production recordings count every call in histograms and keep as events only the
   * slow, failed and first calls. A value other than true or false is said in one line, once, and
   * false applies.
   */
  boolean diagnosis() {
    if (diagnosis == null) {
      diagnosis = readDiagnosis();
    }
    return diagnosis;
  }

  private boolean readDiagnosis() {
    String value = get("diagnosis");
    if (value == null || value.equalsIgnoreCase("false")) {
      return false;
    }
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    AgentLog.info(PREFIX + "diagnosis is '" + value + "'; it must be true or false, using false");
    return false;
  }

  /**
   * {@code wasmlens.sampler.period} (default {@code 40ms}): how often the thread sampler of a
   * diagnosis recording ({@code cpu-time=all}) reads every thread's CPU and run-queue time; {@code
   * off} for no sampler. Whole milliseconds, with or without {@code ms}; any other value is said in
   * one line and the default applies.
   *
   * @return the period in milliseconds; 0 for no sampler (always 0 unless {@code cpu-time=all})
   */
  long samplerPeriodMillis() {
    try {
      if (checkedCpuTime() != ThreadCpuClock.Scope.ALL) {
        return 0;
      }
    } catch (IllegalArgumentException e) {
      if (!diagnosis()) {
        return 0; // said once already, where the cpu-time scope is read
      }
    }
    String value = get("sampler.period");
    if (value == null) {
      return ThreadSampler.DEFAULT_PERIOD_MILLIS;
    }
    String number = value.toLowerCase(Locale.ROOT);
    if (number.equals("off")) {
      return 0;
    }
    number = number.endsWith("ms") ? number.substring(0, number.length() - 2).trim() : number;
    try {
      long millis = Long.parseLong(number);
      if (millis > 0) {
        return millis;
      }
    } catch (NumberFormatException e) {
      // Said below, with the valid values.
    }
    AgentLog.info(
        PREFIX
            + "sampler.period is '"
            + value
            + "'; it must be a whole number of milliseconds (40ms) or off; using "
            + ThreadSampler.DEFAULT_PERIOD_MILLIS
            + "ms");
    return ThreadSampler.DEFAULT_PERIOD_MILLIS;
  }

  /**
   * {@code wasmlens.debug} (default false): log each instrumented class and each suppressed
   * failure.
   */
  boolean debug() {
    return bool("debug", false);
  }

  private boolean bool(String name, boolean defaultValue) {
    String value = get(name);
    return value == null ? defaultValue : Boolean.parseBoolean(value.trim());
  }

  private String get(String name) {
    String value = agentArgs.get(name);
    if (value == null) {
      value = systemProperties.getProperty(PREFIX + name);
    }
    if (value == null) {
      value = environment.get(envName(PREFIX + name));
    }
    return value == null || value.isBlank() ? null : value.trim();
  }

  static String envName(String property) {
    return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * The agent arguments by full property name: {@code otel.*} as given, every other name in {@code
   * wasmlens.*}.
   *
   * @throws IllegalArgumentException when a pair is not {@code name=value}
   */
  static Map<String, String> agentArgsByPropertyName(String agentArgs) {
    Map<String, String> named = new LinkedHashMap<>();
    parseAgentArgs(agentArgs)
        .forEach(
            (name, value) -> named.put(name.startsWith("otel.") ? name : PREFIX + name, value));
    return named;
  }

  private static Map<String, String> parseAgentArgs(String agentArgs) {
    Map<String, String> parsed = new LinkedHashMap<>();
    if (agentArgs == null || agentArgs.isBlank()) {
      return parsed;
    }
    for (String pair : agentArgs.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "agent argument '"
                + pair
                + "' is not name=value (example: -javaagent:wasmlens-agent.jar=jfr.file=app.jfr)");
      }
      String name = pair.substring(0, eq).trim();
      parsed.put(
          name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name, pair.substring(eq + 1));
    }
    return parsed;
  }
}
