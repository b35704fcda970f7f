package dev.wasmlens.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The agent's version, from the {@code version.properties} the build writes; a class of its own so
 * that what reports it (the start line, the status event, the telemetry, the commands) need not
 * reach into the classes that start the agent.
 */
final class AgentVersion {
  /** For example {@code 0.1.0-SNAPSHOT}; {@code (unknown version)} when the build wrote none. */
  static final String VALUE = read();

  private AgentVersion() {}

  private static String read() {
    Properties properties = new Properties();
    try (InputStream in = AgentVersion.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // Reported as unknown.
    }
    return properties.getProperty("version", "(unknown version)");
  }
}
