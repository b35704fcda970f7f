package dev.wasmlens.bench;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Time from starting the JVM to the first completed wasm call ({@link FirstCall}), without an
 * agent, with WasmLens (recording, and exporting spans), and with the OpenTelemetry Java agent.
 * Timed by the parent from just before the process starts to the child's {@code done} line.
 */
@Command(
    name = "startup",
    mixinStandardHelpOptions = true,
    description =
        "JVM start to the first completed wasm call, and the first use alone, with and without"
            + " agents.")
final class StartupCommand implements Callable<Integer> {
  private static final List<Configuration> MEASURED =
      List.of(
          Configuration.BARE,
          Configuration.JFR_ALONE,
          Configuration.IDLE,
          Configuration.JFR,
          Configuration.SPANS_OTLP,
          Configuration.OTEL_JAVAAGENT,
          Configuration.OTEL_EXTENSION);

  @Mixin CommonOptions options;

  @Override
  public Integer call() throws Exception {
    Measurements millis = new Measurements();
    try (OtlpSink sink = new OtlpSink()) {
      Configuration.Tools tools = options.tools(sink.endpoint());
      Configuration.writeAgentSettings(tools, options.work.toAbsolutePath());
      Child.interleaved(
          options.rounds,
          MEASURED,
          configuration -> {
            AtomicLong done = new AtomicLong();
            AtomicLong firstUse = new AtomicLong();
            long start = System.nanoTime();
            Child.run(
                configuration,
                tools,
                options.work,
                List.of(),
                List.of("first-call"),
                (line, arrived) -> {
                  if (line.startsWith("done ")) {
                    done.set(arrived);
                    firstUse.set(Long.parseLong(line.split(" ")[2]));
                  }
                });
            millis.add("first call", configuration, (done.get() - start) / 1e6);
            millis.add("first use", configuration, firstUse.get() / 1e6);
          });
    }
    millis.print(
        measure ->
            measure.equals("first use")
                ? "The first use alone, in the child: engine, compile, store, instance and call"
                    + " (the native library's load included)"
                : "JVM start to the first completed wasm call",
        "ms");
    return 0;
  }
}
