package dev.wasmlens.agent.bootstrap.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A module instantiated into a store, by {@code new Instance} or {@code Linker.module}. */
@Name("wasmlens.Instantiate")
@Label("Wasm Instantiate")
@Description("A WebAssembly module was instantiated (new Instance, Linker.module)")
public final class InstantiateEvent extends ClockedWasmEvent {
  @Label("Module")
  public String module;

  @Label("Module Hash")
  public String moduleHash;

  @Label("Engine Id")
  @EngineId
  public long engineId;

  @Label("Module Id")
  @Description(
      "Native address of the Module: pointer-equal modules are the same module, whose lock an"
          + " instantiation holds; 0 when unknown")
  @ModuleId
  public long moduleId;

  @Label("Store Id")
  @StoreId
  public long storeId;

  @Label("Instance Id")
  @Description("Links this instantiation to the calls and the teardown of the same instance")
  @InstanceId
  public long instanceId;

  @Label("First For Module")
  @Description(
      "The first instantiation of this module in this JVM: its cost includes one-time set-up")
  public boolean firstForModule;

  @Label("Via Linker")
  @Description("Instantiated by Linker.module rather than new Instance")
  public boolean viaLinker;
}
