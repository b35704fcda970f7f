package dev.wasmlens.analysis;

import dev.wasmlens.analysis.read.TimeWindow;
import dev.wasmlens.analysis.report.HtmlReport;
import dev.wasmlens.analysis.report.JsonReport;
import dev.wasmlens.analysis.report.OtlpJsonTraces;
import dev.wasmlens.analysis.report.TextReport;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code java -jar wasmlens-analyze.jar [options] RECORDING...}: which wasm operations form the
 * tail, and why.
 *
 * <p>Exit codes: 0 every input analyzed; 1 an input could not be analyzed (the others were), or
 * none held wasm events; 2 bad arguments. Problems are one line each on standard error; no stack
 * trace.
 */
@Command(
    name = "wasmlens-analyze",
    mixinStandardHelpOptions = true,
    versionProvider = AnalyzeCommand.Version.class,
    description =
        "Attribute the tail latency of wasm operations in JFR recordings made with the WasmLens agent.")
public final class AnalyzeCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  @Parameters(
      arity = "1..*",
      paramLabel = "RECORDING",
      description = "JFR files, or folders of them.")
  List<Path> inputs;

  @Option(
      names = "--percentile",
      description = "The tail starts at this percentile of each phase (default: ${DEFAULT-VALUE}).")
  double percentile = 99;

  @Option(
      names = "--threshold-ms",
      description = "An absolute threshold instead of the percentile.")
  Double thresholdMillis;

  @Option(
      names = "--format",
      description =
          "text, json or html (a self-contained page with charts) (default: ${DEFAULT-VALUE}).")
  String format = "text";

  @Option(
      names = "--top",
      description = "Slow operations to list in text (default: ${DEFAULT-VALUE}).")
  int top = 10;

  @Option(
      names = {"-o", "--output"},
      description = "Write the report here instead of standard output.")
  Path output;

  @Option(
      names = "--traces",
      description =
          "Also write the slow requests and operations with their causes here, as OTLP JSON traces"
              + " (Jaeger UI: Upload; or POST to an OTLP/HTTP receiver's /v1/traces).")
  Path traces;

  @Option(
      names = "--from",
      paramLabel = "INSTANT",
      converter = TimeArguments.InstantConverter.class,
      description =
          "Analyze only operations that start at or after this instant, ISO-8601 with a zone"
              + " offset (2026-12-01T10:00:03Z).")
  Instant from;

  @Option(
      names = "--to",
      paramLabel = "INSTANT",
      converter = TimeArguments.InstantConverter.class,
      description = "Analyze only operations that start before this instant.")
  Instant to;

  @Option(
      names = "--skip",
      paramLabel = "DURATION",
      converter = TimeArguments.DurationConverter.class,
      description =
          "Leave out the first DURATION of each recording (3s, 500ms), counted from its start.")
  Duration skip;

  @Option(
      names = "--stall-limit",
      paramLabel = "DURATION",
      converter = TimeArguments.DurationConverter.class,
      description =
          "Give up on a file whose reading makes no progress for this long (corrupt data the JDK's"
              + " parser loops on) (default: 60s).")
  Duration stallLimit = Analyzer.DEFAULT_STALL_LIMIT;

  @Override
  public Integer call() throws IOException {
    if (!(percentile > 0 && percentile < 100)) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--percentile must be above 0 and below 100, got " + percentile);
    }
    if (!format.equals("text") && !format.equals("json") && !format.equals("html")) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--format must be text, json or html, got " + format);
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--from must be before --to, got " + from + " and " + to);
    }
    if (stallLimit.isZero()) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--stall-limit must be above 0");
    }
    List<String> problems = new ArrayList<>();
    List<Path> files = RecordingFiles.find(inputs, problems);
    long threshold = thresholdMillis == null ? -1 : (long) (thresholdMillis * 1_000_000);
    List<Analysis> services =
        new Analyzer(percentile, threshold, TimeWindow.of(from, to, skip), stallLimit)
            .analyze(files, problems, line -> System.err.println(line));
    if (output == null) {
      Writer stdout = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
      write(services, problems, stdout);
    } else {
      try (Writer file = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
        write(services, problems, file);
      }
    }
    if (traces != null) {
      try (Writer file = Files.newBufferedWriter(traces, StandardCharsets.UTF_8)) {
        OtlpJsonTraces.write(services, file);
      }
    }
    problems.forEach(p -> System.err.println("wasmlens-analyze: " + p));
    return problems.isEmpty() && !services.isEmpty() ? OK : FAILED;
  }

  private void write(List<Analysis> services, List<String> problems, Writer writer)
      throws IOException {
    if (format.equals("json")) {
      JsonReport.write(services, problems, writer);
    } else if (format.equals("html")) {
      HtmlReport.write(services, problems, top, writer);
    } else {
      TextReport.write(services, problems, top, new PrintWriter(writer));
    }
    writer.flush();
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code, without exiting: tests call this. */
  static int run(String... args) {
    CommandLine commandLine = new CommandLine(new AnalyzeCommand());
    commandLine.setParameterExceptionHandler(
        (exception, arguments) -> {
          exception
              .getCommandLine()
              .getErr()
              .println("wasmlens-analyze: " + exception.getMessage() + " (see --help)");
          return USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parsed) -> {
          cmd.getErr().println("wasmlens-analyze: " + exception);
          return FAILED;
        });
    return commandLine.execute(args);
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = AnalyzeCommand.class.getPackage().getImplementationVersion();
      return new String[] {
        "wasmlens-analyze " + (version == null ? "(development build)" : version)
      };
    }
  }
}
