package dev.wasmlens.agent.bootstrap.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A wasmtime-java object disposed, directly or through {@code close()}. */
@Name("wasmlens.Teardown")
@Label("Wasm Teardown")
@Description("A Wasmtime object was disposed (Instance, Store, Module, Engine, Linker, Func)")
public final class TeardownEvent extends ClockedWasmEvent {
  @Label("Kind")
  @Description("Instance, Store, Module, Engine, Linker or Func")
  public String kind;

  @Label("Module")
  @Description("For a Module, an Instance or an exported Func: the module's name")
  public String module;

  @Label("Store Id")
  @StoreId
  public long storeId;

  @Label("Instance Id")
  @InstanceId
  public long instanceId;

  @Label("Engine Id")
  @EngineId
  public long engineId;

  @Label("Module Id")
  @Description(
      "Native address of the Module: pointer-equal modules are the same module, whose lock an"
          + " instantiation holds; 0 when unknown")
  @ModuleId
  public long moduleId;
}
