package dev.wasmlens.agent.bootstrap.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** Wasm calling a Java host function; runs on the caller's thread inside the enclosing call. */
@Name("wasmlens.HostCall")
@Label("Wasm Host Call")
@Description("A WebAssembly guest called an imported Java (host) function")
public final class HostCallEvent extends ClockedWasmEvent {
  @Label("Import")
  @Description(
      "module.name of the import, or #index when the function was never linked under a name")
  public String importName;

  @Label("Store Id")
  @StoreId
  public long storeId;
}
