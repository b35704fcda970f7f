package dev.wasmlens.bench;

import dev.wasmlens.demo.guest.ChecksumInstance;
import dev.wasmlens.demo.guest.GuestBinaries;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Module;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * The child of {@link StartupCommand}: engine, compile, instantiate, one call; prints {@code done
 * RESULT FIRST_USE_NANOS} the moment the first call returned, which the parent times from before it
 * started the JVM; {@code FIRST_USE_NANOS} is the first use alone, from before the engine is made
 * to the call's return (wasmtime-java's native library load included).
 */
@Command(name = "first-call", hidden = true)
final class FirstCall implements Callable<Integer> {
  @Override
  public Integer call() {
    long start = System.nanoTime();
    try (Engine engine = new Engine();
        Module module = new Module(engine, GuestBinaries.read(GuestBinaries.CHECKSUM));
        ChecksumInstance instance = new ChecksumInstance(engine, module)) {
      int result = instance.checksum(64);
      long firstUse = System.nanoTime() - start;
      System.out.println("done " + result + " " + firstUse);
      System.out.flush();
    }
    return 0;
  }
}
