package dev.wasmlens.demo;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sample}: the sample app (see {@link SampleApp}). */
@Command(
    mixinStandardHelpOptions = true,
    name = "sample",
    description = "Run the sample app: wat2wasm builds a guest, four threads call it.")
final class SampleCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    try {
      SampleApp.main(new String[0]);
      return 0;
    } catch (Exception e) {
      throw new IllegalStateException("the sample app failed: " + e, e);
    }
  }
}
