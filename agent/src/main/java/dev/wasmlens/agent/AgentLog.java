package dev.wasmlens.agent;

/**
 * The agent's few messages, to standard error with a {@code [wasmlens]} prefix. The agent must not
 * depend on the application's logging framework, nor start one.
 */
final class AgentLog {
  private static volatile boolean debug;

  private AgentLog() {}

  static void enableDebug() {
    debug = true;
  }

  static boolean debugEnabled() {
    return debug;
  }

  static void info(String message) {
    System.err.println("[wasmlens] " + message);
  }

  static void debug(String message) {
    if (debug) {
      info(message);
    }
  }
}
