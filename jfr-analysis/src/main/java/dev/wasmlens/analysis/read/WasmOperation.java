package dev.wasmlens.analysis.read;

/**
 * One wasm phase as the agent recorded it. Times are epoch nanoseconds; strings are null and ids 0
 * when the event did not carry them.
 *
 * @param phase compile, store creation, instantiate, call, host call or teardown
 * @param name what the phase acted on, for reports: the export for a call, the import for a host
 *     call, else the module
 * @param osThreadId the kernel's id of the operation's thread, to join the thread sampler's
 *     activity; 0 when unknown
 * @param engineId the engine's native handle: a compile holds it, a store creation waits for it
 * @param moduleId the Module's native handle (compiles, instantiations, a module's teardown): an
 *     instantiation holds it; 0 when the event has none (agents before it)
 * @param storeId the store's id: a call or an instantiation holds it for its whole duration
 * @param cpuNanos the thread's CPU time during the phase; -1 when the event has none
 * @param runQueueNanos the time the thread waited for a CPU during the phase (diagnosis
 *     recordings); -1 when the event has none
 * @param switches how often the thread was switched out and back onto a CPU during the phase
 *     (diagnosis recordings): 0 means it never left its CPU; -1 when the event has none
 * @param voluntarySwitches how often the thread left its CPU to wait during the phase (diagnosis
 *     recordings): 0 means it never blocked; -1 when the event has none (agents before it)
 * @param hostNanos for a call, time spent in host functions
 * @param firstUse the first instantiation of its module, or the first call into its instance
 * @param traceId the application's trace the operation ran under (an HTTP server span, say): the
 *     request it belongs to; null when it ran under no application span
 */
public record WasmOperation(
    Phase phase,
    long startNanos,
    long endNanos,
    long threadId,
    long osThreadId,
    String threadName,
    String module,
    String name,
    long engineId,
    long moduleId,
    long storeId,
    long instanceId,
    String outcome,
    long cpuNanos,
    long runQueueNanos,
    long switches,
    long voluntarySwitches,
    long hostNanos,
    boolean firstUse,
    String traceId) {

  public long durationNanos() {
    return endNanos - startNanos;
  }

  /**
   * Whether this is the teardown of a Store, which frees (unmaps) its instances' memories. (Not
   * named {@code is...}: the JSON report would make it a field.)
   */
  public boolean tearsDownStore() {
    return phase == Phase.TEARDOWN && "Store".equals(name);
  }

  /** The wasm phases, with their JFR event names. */
  public enum Phase {
    COMPILE("wasmlens.Compile"),
    STORE_CREATE("wasmlens.StoreCreate"),
    INSTANTIATE("wasmlens.Instantiate"),
    CALL("wasmlens.Call"),
    HOST_CALL("wasmlens.HostCall"),
    TEARDOWN("wasmlens.Teardown");

    private final String eventName;

    Phase(String eventName) {
      this.eventName = eventName;
    }

    public String eventName() {
      return eventName;
    }

    /** The phase of a JFR event name, or null for any other event. */
    public static Phase ofEvent(String eventName) {
      for (Phase phase : values()) {
        if (phase.eventName.equals(eventName)) {
          return phase;
        }
      }
      return null;
    }

    /** The phase as reports write it: {@code host call}. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
  }
}
