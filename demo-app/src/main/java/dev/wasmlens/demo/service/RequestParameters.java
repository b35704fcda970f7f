package dev.wasmlens.demo.service;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Query-string parameters, validated with messages that say what is wrong. */
final class RequestParameters {
  private RequestParameters() {}

  /**
   * The integer parameter {@code name} of {@code rawQuery}, within {@code [min, max]}.
   *
   * @throws IllegalArgumentException with a one-line message when it is missing, not a number, or
   *     out of range
   */
  static int intParameter(String rawQuery, String name, int min, int max) {
    String value = null;
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0
            && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
          value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        }
      }
    }
    if (value == null) {
      throw new IllegalArgumentException(
          "missing parameter " + name + " (an integer from " + min + " to " + max + ")");
    }
    int parsed;
    try {
      parsed = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + "=" + value + " is not an integer");
    }
    if (parsed < min || parsed > max) {
      throw new IllegalArgumentException(
          name + "=" + parsed + " is out of range " + min + ".." + max);
    }
    return parsed;
  }
}
