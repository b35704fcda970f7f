package dev.wasmlens.otel;

/**
 * One finished wasm phase, as the agent observed it. Timestamps are epoch nanoseconds; strings are
 * null and ids 0 when unknown.
 *
 * @param kind which phase
 * @param startEpochNanos when it started
 * @param endEpochNanos when it ended, not before {@code startEpochNanos}
 * @param module the module's name (file name, or {@code sha256:} and 12 hex digits)
 * @param moduleSha256 hex SHA-256 of the module's bytes
 * @param moduleSize size of the module in bytes; -1 when unknown
 * @param export for a call: the export name
 * @param importName for a host call: {@code module.name} of the import
 * @param objectKind for a teardown: Instance, Store, Module, Engine, Linker or Func
 * @param engineId native address of the engine
 * @param storeId the store's sequence number
 * @param instanceId the instance's sequence number
 * @param coldStart for an instantiation, the first of its module; for a call, the first into its
 *     instance
 * @param outcome ok, trap, interrupt, exit or error
 * @param failure class and message of what was thrown; null when {@code outcome} is ok
 */
public record WasmPhase(
    Kind kind,
    long startEpochNanos,
    long endEpochNanos,
    String module,
    String moduleSha256,
    long moduleSize,
    String export,
    String importName,
    String objectKind,
    long engineId,
    long storeId,
    long instanceId,
    boolean coldStart,
    String outcome,
    String failure) {

  /** A compile of {@code module} on {@code engineId}. */
  public static WasmPhase compile(
      long startEpochNanos,
      long endEpochNanos,
      String module,
      String moduleSha256,
      long moduleSize,
      long engineId,
      String outcome,
      String failure) {
    return new WasmPhase(
        Kind.COMPILE,
        startEpochNanos,
        endEpochNanos,
        module,
        moduleSha256,
        moduleSize,
        null,
        null,
        null,
        engineId,
        0,
        0,
        false,
        outcome,
        failure);
  }

  /** An instantiation of {@code module}; {@code coldStart} when the first of its module. */
  public static WasmPhase instantiate(
      long startEpochNanos,
      long endEpochNanos,
      String module,
      String moduleSha256,
      long engineId,
      long storeId,
      long instanceId,
      boolean coldStart,
      String outcome,
      String failure) {
    return new WasmPhase(
        Kind.INSTANTIATE,
        startEpochNanos,
        endEpochNanos,
        module,
        moduleSha256,
        -1,
        null,
        null,
        null,
        engineId,
        storeId,
        instanceId,
        coldStart,
        outcome,
        failure);
  }

  /** A call of {@code export}; {@code coldStart} when the first into its instance. */
  public static WasmPhase call(
      long startEpochNanos,
      long endEpochNanos,
      String module,
      String export,
      long storeId,
      long instanceId,
      boolean coldStart,
      String outcome,
      String failure) {
    return new WasmPhase(
        Kind.CALL,
        startEpochNanos,
        endEpochNanos,
        module,
        null,
        -1,
        export,
        null,
        null,
        0,
        storeId,
        instanceId,
        coldStart,
        outcome,
        failure);
  }

  /** A call of the host function imported as {@code importName}, from wasm in {@code storeId}. */
  public static WasmPhase hostCall(
      long startEpochNanos,
      long endEpochNanos,
      String importName,
      long storeId,
      String outcome,
      String failure) {
    return new WasmPhase(
        Kind.HOST_CALL,
        startEpochNanos,
        endEpochNanos,
        null,
        null,
        -1,
        null,
        importName,
        null,
        0,
        storeId,
        0,
        false,
        outcome,
        failure);
  }

  /** The teardown of an object of {@code objectKind} (Instance, Store, Module, ...). */
  public static WasmPhase teardown(
      long startEpochNanos,
      long endEpochNanos,
      String objectKind,
      String module,
      long engineId,
      long storeId,
      long instanceId,
      String outcome,
      String failure) {
    return new WasmPhase(
        Kind.TEARDOWN,
        startEpochNanos,
        endEpochNanos,
        module,
        null,
        -1,
        null,
        null,
        objectKind,
        engineId,
        storeId,
        instanceId,
        false,
        outcome,
        failure);
  }

  /** The phases, in the order a module lives through them. */
  public enum Kind {
    COMPILE,
    INSTANTIATE,
    CALL,
    HOST_CALL,
    TEARDOWN
  }

  /** The phase's duration in nanoseconds. */
  public long durationNanos() {
    return endEpochNanos - startEpochNanos;
  }

  /** True unless the phase failed. */
  public boolean ok() {
    return "ok".equals(outcome);
  }
}
