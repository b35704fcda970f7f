package dev.wasmlens.demo.strategy;

import dev.wasmlens.demo.guest.ChecksumInstance;
import dev.wasmlens.demo.guest.GuestBinaries;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Module;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

/**
 * Everything per request: engine, compile, instantiate, call, teardown. Full isolation, full cost.
 */
final class ColdStrategy implements InstanceStrategy {
  private final byte[] guest = GuestBinaries.read(GuestBinaries.CHECKSUM);
  private final AtomicLong coldStarts = new AtomicLong();

  @Override
  public String name() {
    return "cold";
  }

  @Override
  public String isolation() {
    return "full: own engine, compiled module, store and memory per request";
  }

  @Override
  public int serve(ToIntFunction<ChecksumInstance> request) {
    coldStarts.incrementAndGet();
    try (Engine engine = new Engine();
        Module module = new Module(engine, guest);
        ChecksumInstance instance = new ChecksumInstance(engine, module)) {
      return request.applyAsInt(instance);
    }
  }

  @Override
  public long coldStarts() {
    return coldStarts.get();
  }

  @Override
  public void close() {}
}
