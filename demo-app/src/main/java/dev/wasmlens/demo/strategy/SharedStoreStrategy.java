package dev.wasmlens.demo.strategy;

import dev.wasmlens.demo.guest.ChecksumInstance;
import dev.wasmlens.demo.guest.GuestBinaries;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Module;
import java.util.function.ToIntFunction;

/**
 * One instance for every request and no Java lock in front of it: the requests rely on
 * wasmtime-java's native Store lock, which each call holds (its host function included), so they
 * run one at a time and a request waiting for the store shows no Java lock event, only a slow
 * {@code wasmlens.Call}.
 */
final class SharedStoreStrategy implements InstanceStrategy {
  private final Module module;
  private final ChecksumInstance instance;

  /** Compiles the guest on {@code engine}, which stays the caller's, and instantiates it once. */
  SharedStoreStrategy(Engine engine) {
    this.module = new Module(engine, GuestBinaries.read(GuestBinaries.CHECKSUM));
    this.instance = new ChecksumInstance(engine, module);
  }

  @Override
  public String name() {
    return "shared-store";
  }

  @Override
  public String isolation() {
    return "none: one instance and memory for all requests, serialized by the native store lock";
  }

  @Override
  public int serve(ToIntFunction<ChecksumInstance> request) {
    return request.applyAsInt(instance);
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
