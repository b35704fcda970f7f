package dev.wasmlens.agent.bootstrap.jfr;

import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A module compiled from bytes or from a file. */
@Name("wasmlens.Compile")
@Label("Wasm Compile")
@Description("A WebAssembly module was compiled (new Module, Module.fromBinary, Module.fromFile)")
public final class CompileEvent extends ClockedWasmEvent {
  @Label("Module")
  @Description("File name, or sha256: and the first 12 hex digits of the content hash")
  public String module;

  @Label("Module Hash")
  @Description("Hex SHA-256 of the module's bytes")
  public String moduleHash;

  @Label("Module Size")
  @DataAmount
  public long moduleSize;

  @Label("Engine Id")
  @Description("Native address of the engine: pointer-equal engines are the same engine")
  @EngineId
  public long engineId;

  @Label("Module Id")
  @Description(
      "Native address of the Module: pointer-equal modules are the same module, whose lock an"
          + " instantiation holds; 0 when unknown")
  @ModuleId
  public long moduleId;
}
