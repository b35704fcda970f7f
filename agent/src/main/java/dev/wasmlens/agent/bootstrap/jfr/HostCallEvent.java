package dev.wasmlens.agent.bootstrap.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * Wasm calling a Java host function; runs on the caller's thread inside the enclosing call. Each
 * thread reuses its objects of this event, one per nesting depth.
 */
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

  /**
   * Whether this host call is an event whatever its duration, identified as it began; otherwise it
   * is counted and kept only if slow or failed. Transient, so JFR leaves it out.
   */
  public transient boolean everyCall;

  /** The host function called, or null when the agent did not see it created; transient. */
  public transient Object func;

  /** Its trampoline index; transient. */
  public transient int funcIndex;
}
