package dev.wasmlens.bench;

import dev.wasmlens.demo.guest.ChecksumInstance;
import dev.wasmlens.demo.guest.GuestBinaries;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Module;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * The child of {@link StartupCommand}: engine, compile, instantiate, one call; prints {@code done}
 * the moment the first call returned, which the parent times from before it started the JVM.
 */
@Command(name = "first-call", hidden = true)
final class FirstCall implements Callable<Integer> {
  @Override
  public Integer call() {
    try (Engine engine = new Engine();
        Module module = new Module(engine, GuestBinaries.read(GuestBinaries.CHECKSUM));
        ChecksumInstance instance = new ChecksumInstance(engine, module)) {
      int result = instance.checksum(64);
      System.out.println("done " + result);
      System.out.flush();
    }
    return 0;
  }
}
