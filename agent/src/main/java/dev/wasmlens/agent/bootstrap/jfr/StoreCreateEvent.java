package dev.wasmlens.agent.bootstrap.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A store created on an engine. Creating a store takes the engine's native lock, which a compile on
 * the same engine holds throughout: a slow store creation next to another thread's compile is
 * engine-lock contention.
 */
@Name("wasmlens.StoreCreate")
@Label("Wasm Store Create")
@Description("A Wasmtime store was created (new Store, Store.withoutData)")
public final class StoreCreateEvent extends ClockedWasmEvent {
  @Label("Engine Id")
  @EngineId
  public long engineId;

  @Label("Store Id")
  @StoreId
  public long storeId;
}
