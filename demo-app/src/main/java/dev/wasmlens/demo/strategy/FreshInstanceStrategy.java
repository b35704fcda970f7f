package dev.wasmlens.demo.strategy;

import dev.wasmlens.demo.guest.ChecksumInstance;
import dev.wasmlens.demo.guest.GuestBinaries;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Module;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

/** The module compiled once; a new store and instance per request. */
final class FreshInstanceStrategy implements InstanceStrategy {
  private final Engine engine;
  private final Module module;
  private final AtomicLong coldStarts = new AtomicLong();

  /** Compiles the guest on {@code engine}, which stays the caller's. */
  FreshInstanceStrategy(Engine engine) {
    this.engine = engine;
    this.module = new Module(engine, GuestBinaries.read(GuestBinaries.CHECKSUM));
  }

  @Override
  public String name() {
    return "fresh-instance";
  }

  @Override
  public String isolation() {
    return "instance: own store and memory per request; compiled code shared";
  }

  @Override
  public int serve(ToIntFunction<ChecksumInstance> request) {
    coldStarts.incrementAndGet();
    try (ChecksumInstance instance = new ChecksumInstance(engine, module)) {
      return request.applyAsInt(instance);
    }
  }

  @Override
  public long coldStarts() {
    return coldStarts.get();
  }

  @Override
  public void close() {
    module.close();
  }
}
