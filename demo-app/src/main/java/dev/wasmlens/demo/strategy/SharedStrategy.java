package dev.wasmlens.demo.strategy;

import dev.wasmlens.demo.guest.ChecksumInstance;
import dev.wasmlens.demo.guest.GuestBinaries;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Module;
import java.util.function.ToIntFunction;

/**
 * One instance for every request: no isolation and maximum contention. Either behind a Java monitor
 * ({@code shared}, which JFR records as {@code jdk.JavaMonitorEnter}), or with no Java lock in
 * front of it ({@code shared-store}): then the requests rely on wasmtime-java's native Store lock,
 * which each call holds (its host function included), so they still run one at a time, and a
 * request waiting for the store shows no Java lock event, only a slow {@code wasmlens.Call}.
 */
final class SharedStrategy implements InstanceStrategy {
  private final boolean javaMonitor;
  private final Module module;
  private final ChecksumInstance instance;

  /**
   * Compiles the guest on {@code engine}, which stays the caller's, and instantiates it once.
   *
   * @param javaMonitor whether requests take the instance's monitor, or only the native store lock
   */
  SharedStrategy(Engine engine, boolean javaMonitor) {
    this.javaMonitor = javaMonitor;
    this.module = new Module(engine, GuestBinaries.read(GuestBinaries.CHECKSUM));
    this.instance = new ChecksumInstance(engine, module);
  }

  @Override
  public String name() {
    return javaMonitor ? "shared" : Strategies.SHARED_STORE;
  }

  @Override
  public String isolation() {
    return javaMonitor
        ? "none: one instance and memory for all requests, one at a time"
        : "none: one instance and memory for all requests, serialized by the native store lock";
  }

  @Override
  public int serve(ToIntFunction<ChecksumInstance> request) {
    if (!javaMonitor) {
      return request.applyAsInt(instance);
    }
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
