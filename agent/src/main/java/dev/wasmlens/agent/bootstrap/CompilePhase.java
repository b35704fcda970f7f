package dev.wasmlens.agent.bootstrap;

import dev.wasmlens.agent.bootstrap.jfr.CompileEvent;

/**
 * Records compiles. Called around wasmtime-java's three native compile methods ({@code newModule},
 * {@code newFromBinary}, {@code newFromFile}): each public way to create a {@code Module} reaches
 * exactly one of them, so each compile is counted once, failures included.
 */
public final class CompilePhase {
  private CompilePhase() {}

  /** A compile starts on this thread. */
  public static CompileEvent begin() {
    InjectedFailures.maybeThrow("compile begin");
    if (!PhaseClock.mayBeWanted()) {
      return null;
    }
    CompileEvent event = new CompileEvent();
    if (!PhaseClock.wanted(event)) {
      return null;
    }
    PhaseClock.start(event, ThreadCpuClock.forSetUp());
    return event;
  }

  /**
   * A compile ended, having thrown {@code thrown}.
   *
   * @param enginePtr the native address of the compiling engine
   * @param source the module's bytes ({@code byte[]}) or the path of its file ({@code String})
   * @param modulePtr the native address of the compiled module; 0 when it threw
   */
  public static void end(
      CompileEvent event, long enginePtr, Object source, long modulePtr, Throwable thrown) {
    long endNanos = System.nanoTime();
    if (event != null) {
      PhaseClock.stop(event);
    }
    // Hashed after the clock stopped: the hash is the agent's cost, not the compile's.
    ModuleInfo module =
        source instanceof String
            ? ModuleInfo.ofFile((String) source, enginePtr)
            : ModuleInfo.ofBytes((byte[]) source, enginePtr);
    module.id = modulePtr;
    InjectedFailures.maybeThrow("compile end");
    if (thrown == null) {
      ThreadState.current().compiledModule = module;
    }
    if (event == null) {
      return;
    }
    event.module = module.name;
    event.moduleHash = module.sha256;
    event.moduleSize = module.size;
    event.engineId = module.engineId;
    event.moduleId = modulePtr;
    PhaseClock.setOutcome(event, thrown);
    PhaseListener listener = PhaseListener.Registry.current();
    if (listener != null) {
      listener.compiled(event, event.startNanos, endNanos);
    }
    PhaseClock.commit(event);
  }

  /**
   * A public way to create a module returned {@code module} (null when it threw {@code thrown}):
   * the compile ended and the module gets its identity. For advice on the Java methods, which see
   * the engine rather than its address.
   */
  public static void endCreating(
      CompileEvent event, Object engine, Object source, Object module, Throwable thrown) {
    end(event, NativePointers.of(engine), source, NativePointers.of(module), thrown);
    if (module != null) {
      WasmObjects.moduleCreated(module);
    }
  }
}
