package dev.wasmlens.agent.bootstrap.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/**
 * An outermost call of an exported wasm function. Calls made from inside host functions are not
 * recorded.
 */
@Name("wasmlens.Call")
@Label("Wasm Call")
@Description("An exported WebAssembly function was called from Java (outermost call only)")
public final class CallEvent extends ClockedWasmEvent {
  @Label("Module")
  public String module;

  @Label("Export")
  @Description("The export name the function was obtained under")
  public String export;

  @Label("Store Id")
  @StoreId
  public long storeId;

  @Label("Instance Id")
  @InstanceId
  public long instanceId;

  @Label("First For Instance")
  @Description("The first call into its instance: a request that had to create its instance first")
  public boolean firstForInstance;

  @Label("Host Time")
  @Description("Time spent inside host (Java) functions that the guest called during this call")
  @Timespan
  public long hostTime;
}
