package dev.wasmlens.demo.strategy;

import dev.wasmlens.demo.guest.ChecksumInstance;
import dev.wasmlens.demo.guest.GuestBinaries;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Module;
import java.util.function.ToIntFunction;

/**
 * One instance for every request, behind a Java monitor: no isolation and maximum contention (which
 * JFR records as {@code jdk.JavaMonitorEnter}).
 */
final class SharedStrategy implements InstanceStrategy {
  private final Engine engine;
  private final Module module;
  private final ChecksumInstance instance;

  /** Compiles the guest on {@code engine}, which stays the caller's. */
  SharedStrategy(Engine engine) {
    this.engine = engine;
    this.module = new Module(engine, GuestBinaries.read(GuestBinaries.CHECKSUM));
    this.instance = new ChecksumInstance(engine, module);
  }

  @Override
  public String name() {
    return "shared";
  }

  @Override
  public String isolation() {
    return "none: one instance and memory for all requests, one at a time";
  }

  @Override
  public int serve(ToIntFunction<ChecksumInstance> request) {
    synchronized (instance) {
      return request.applyAsInt(instance);
    }
  }

  @Override
  public long coldStarts() {
    return 0;
  }

  @Override
  public void close() {
    instance.close();
    module.close();
  }
}
