package dev.wasmlens.agent.bootstrap;

/**
 * The outcome of a wasm phase, as recorded in the {@code outcome} field of every event.
 *
 * <p>wasmtime-java 0.19.0 reports a trap as {@code WasmFunctionError$TrapError} whose message is
 * {@code "wasm trap: " + Trap.name()}, an epoch deadline as the trap {@code INTERRUPT}, and a WASI
 * {@code proc_exit} as {@code WasmFunctionError$I32ExitError}. Classes are compared by name because
 * this class cannot see wasmtime-java's classes.
 */
public final class Outcome {
  /** The phase completed normally. */
  public static final String OK = "ok";

  /** The guest trapped (unreachable, out-of-bounds access, division by zero, ...). */
  public static final String TRAP = "trap";

  /** The guest was interrupted at an epoch deadline: a timeout. */
  public static final String INTERRUPT = "interrupt";

  /** The guest called WASI {@code proc_exit}. */
  public static final String EXIT = "exit";

  /** Any other exception or error. */
  public static final String ERROR = "error";

  private static final String TRAP_ERROR =
      "io.github.kawamuray.wasmtime.WasmFunctionError$TrapError";
  private static final String EXIT_ERROR =
      "io.github.kawamuray.wasmtime.WasmFunctionError$I32ExitError";
  private static final String INTERRUPT_MESSAGE = "wasm trap: INTERRUPT";
  private static final int MAX_FAILURE_LENGTH = 256;

  private Outcome() {}

  /** Returns the outcome of a phase that threw {@code thrown}, or {@link #OK} when it is null. */
  public static String of(Throwable thrown) {
    if (thrown == null) {
      return OK;
    }
    String type = thrown.getClass().getName();
    if (TRAP_ERROR.equals(type)) {
      return INTERRUPT_MESSAGE.equals(thrown.getMessage()) ? INTERRUPT : TRAP;
    }
    return EXIT_ERROR.equals(type) ? EXIT : ERROR;
  }

  /**
   * Describes {@code thrown} for the {@code failure} field: its class name and message, at most 256
   * characters; null when nothing was thrown.
   */
  public static String describe(Throwable thrown) {
    if (thrown == null) {
      return null;
    }
    String text =
        thrown.getMessage() == null
            ? thrown.getClass().getName()
            : thrown.getClass().getName() + ": " + thrown.getMessage();
    return text.length() <= MAX_FAILURE_LENGTH ? text : text.substring(0, MAX_FAILURE_LENGTH);
  }
}
