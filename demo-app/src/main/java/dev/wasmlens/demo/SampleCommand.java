package dev.wasmlens.demo;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sample}: the sample app (see {@link SampleApp}). */
@Command(
    mixinStandardHelpOptions = true,
    name = "sample",
    description = "Run the sample app: wat2wasm builds a guest, four threads call it.")
final class SampleCommand implements Callable<Integer> {
  @Option(names = "--threads", description = "Calling threads (default: ${DEFAULT-VALUE}).")
  int threads = SampleApp.THREADS;

  @Option(names = "--calls", description = "Calls per thread (default: ${DEFAULT-VALUE}).")
  long calls = SampleApp.CALLS_PER_THREAD;

  @Override
  public Integer call() {
    if (threads < 1 || calls < 1) {
      throw new IllegalArgumentException(
          "--threads and --calls must be at least 1, got " + threads + " and " + calls);
    }
    try {
      SampleApp.run(threads, calls);
      return 0;
    } catch (Exception e) {
      throw new IllegalStateException("the sample app failed: " + e, e);
    }
  }
}
