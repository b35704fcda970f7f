package dev.wasmlens.analysis.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.wasmlens.analysis.Analysis;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The analysis as JSON (schema in docs/analyzer.md): every duration in nanoseconds, every time in
 * epoch nanoseconds, names as in the JFR events.
 */
public final class JsonReport {
  /** Bumped when a field changes meaning or goes away; new fields do not bump it. */
  public static final int SCHEMA_VERSION = 5;

  private JsonReport() {}

  /**
   * Writes the run's {@code problems} and each service's analysis to {@code out}, which stays open.
   */
  public static void write(List<Analysis> services, List<String> problems, Writer out)
      throws IOException {
    ObjectMapper json =
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    json.writeValue(out, new Document(SCHEMA_VERSION, problems, services));
  }

  private record Document(int schemaVersion, List<String> problems, List<Analysis> services) {}
}
