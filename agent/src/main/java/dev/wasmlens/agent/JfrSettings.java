package dev.wasmlens.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.ParseException;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.Configuration;

/**
 * The JFR settings a recording needs for attribution: a JDK configuration ({@code profile} by
 * default) refined by {@code wasmlens.jfc} from the agent jar, which enables every wasm event at 0
 * ms, safepoints, VM operations and compilations at 0 ms, and lock and park waits from 1 ms.
 *
 * <p>Merged at run time, because a {@code .jfc} written for one JDK would miss the events of
 * another, and JFR does not merge two settings files given to one recording.
 */
final class JfrSettings {
  static final String RESOURCE = "/wasmlens.jfc";

  private JfrSettings() {}

  /**
   * The merged settings, as {@code event#setting -> value}.
   *
   * @param base a JDK configuration name ({@code default}, {@code profile}) or the path of a {@code
   *     .jfc} file
   */
  static Map<String, String> merged(String base) throws IOException, ParseException {
    Map<String, String> settings = new TreeMap<>(baseConfiguration(base).getSettings());
    settings.putAll(wasmlensConfiguration().getSettings());
    return settings;
  }

  /**
   * Writes {@code settings} as a {@code .jfc} document that {@code -XX:StartFlightRecording}
   * accepts.
   */
  static String toJfc(Map<String, String> settings) {
    StringBuilder jfc =
        new StringBuilder()
            .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .append("<!-- Written by the WasmLens agent for ")
            .append(xml(System.getProperty("java.vm.name")))
            .append(' ')
            .append(xml(System.getProperty("java.version")))
            .append(" -->\n")
            .append("<configuration version=\"2.0\" label=\"WasmLens\" provider=\"WasmLens\">\n");
    String openEvent = null;
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      int hash = setting.getKey().indexOf('#');
      String event = setting.getKey().substring(0, hash);
      if (!event.equals(openEvent)) {
        if (openEvent != null) {
          jfc.append("  </event>\n");
        }
        jfc.append("  <event name=\"").append(xml(event)).append("\">\n");
        openEvent = event;
      }
      jfc.append("    <setting name=\"")
          .append(xml(setting.getKey().substring(hash + 1)))
          .append("\">")
          .append(xml(setting.getValue()))
          .append("</setting>\n");
    }
    if (openEvent != null) {
      jfc.append("  </event>\n");
    }
    return jfc.append("</configuration>\n").toString();
  }

  private static Configuration baseConfiguration(String base) throws IOException, ParseException {
    Path file = Paths.get(base);
    return Files.isRegularFile(file)
        ? Configuration.create(file)
        : Configuration.getConfiguration(base);
  }

  private static Configuration wasmlensConfiguration() throws IOException, ParseException {
    try (InputStream in = JfrSettings.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(RESOURCE + " is missing from the agent jar");
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return Configuration.create(reader);
      }
    }
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
