package dev.wasmlens.agent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kawamuray.wasmtime.Trap;
import io.github.kawamuray.wasmtime.WasmFunctionError;
import io.github.kawamuray.wasmtime.WasmtimeException;
import java.lang.reflect.Constructor;
import org.junit.jupiter.api.Test;

/** Classification of wasmtime-java 0.19.0's real exception types. */
class OutcomeTest {
  @Test
  void nothingThrownIsOk() {
    assertThat(Outcome.of(null)).isEqualTo(Outcome.OK);
    assertThat(Outcome.describe(null)).isNull();
  }

  @Test
  void anEpochDeadlineIsAnInterruptAndOtherTrapsAreTraps() throws Exception {
    assertThat(Outcome.of(trap(Trap.INTERRUPT))).isEqualTo(Outcome.INTERRUPT);
    assertThat(Outcome.of(trap(Trap.UNREACHABLE_CODE_REACHED))).isEqualTo(Outcome.TRAP);
    assertThat(Outcome.of(trap(Trap.INTEGER_DIVISION_BY_ZERO))).isEqualTo(Outcome.TRAP);
  }

  @Test
  void wasiExitIsExit() {
    assertThat(Outcome.of(new WasmFunctionError.I32ExitError(0))).isEqualTo(Outcome.EXIT);
  }

  @Test
  void everythingElseIsAnError() {
    assertThat(Outcome.of(new WasmtimeException("failed to parse WebAssembly module")))
        .isEqualTo(Outcome.ERROR);
    assertThat(Outcome.of(new IllegalStateException())).isEqualTo(Outcome.ERROR);
    assertThat(Outcome.of(new OutOfMemoryError())).isEqualTo(Outcome.ERROR);
  }

  @Test
  void describeNamesTheTypeAndMessageWithinALimit() {
    assertThat(Outcome.describe(new IllegalStateException("host refused 1")))
        .isEqualTo("java.lang.IllegalStateException: host refused 1");
    assertThat(Outcome.describe(new IllegalStateException()))
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(Outcome.describe(new IllegalStateException("x".repeat(1000)))).hasSize(256);
  }

  private static Throwable trap(Trap trap) throws Exception {
    Constructor<WasmFunctionError.TrapError> constructor =
        WasmFunctionError.TrapError.class.getDeclaredConstructor(Trap.class);
    constructor.setAccessible(true);
    return constructor.newInstance(trap);
  }
}
