package dev.wasmlens.agent;

import java.net.InetAddress;
import java.util.Locale;

/**
 * Which service and host a recording comes from, as the OpenTelemetry resource would name them:
 * {@code otel.service.name}, {@code OTEL_SERVICE_NAME} or {@code service.name} in the resource
 * attributes, else the main class or jar of the command line. Read once, when JFR first asks for
 * the status event (never on the application's threads).
 */
final class ServiceIdentity {
  static final String SERVICE_NAME = serviceName();
  static final String HOST_NAME = hostName();

  private ServiceIdentity() {}

  private static String serviceName() {
    String configured = System.getProperty("otel.service.name", System.getenv("OTEL_SERVICE_NAME"));
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    String resource =
        System.getProperty("otel.resource.attributes", System.getenv("OTEL_RESOURCE_ATTRIBUTES"));
    if (resource != null) {
      for (String pair : resource.split(",")) {
        String[] keyValue = pair.split("=", 2);
        if (keyValue.length == 2 && keyValue[0].trim().equals("service.name")) {
          return keyValue[1].trim();
        }
      }
    }
    // The launcher's own record of the command: "main.Class args" or "app.jar args".
    String command = System.getProperty("sun.java.command", "");
    String main = command.isBlank() ? "unknown" : command.split(" ")[0];
    int slash = Math.max(main.lastIndexOf('/'), main.lastIndexOf('\\'));
    return main.substring(slash + 1).toLowerCase(Locale.ROOT).endsWith(".jar")
        ? main.substring(slash + 1)
        : main;
  }

  private static String hostName() {
    String fromEnvironment = System.getenv("HOSTNAME");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
