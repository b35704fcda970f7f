package dev.wasmlens.agent.bootstrap;

import dev.wasmlens.agent.bootstrap.jfr.CompileEvent;

/**
 * Records compiles. Called around wasmtime-java's three native compile methods ({@code newModule},
 * {@code newFromBinary}, {@code newFromFile}): each public way to create a {@code Module} reaches exactly one of
 * them, so each compile is counted once, failures included.
 */
public final class CompilePhase {
  private CompilePhase() {}

  /** A compile starts on this thread. */
  public static CompileEvent begin() {
    InjectedFailures.maybeThrow("compile begin");
    CompileEvent event = new CompileEvent();
    if (event.isEnabled()) {
      event.cpuTime = PhaseClock.start(event);
    }
    return event;
  }

  /** A compile from {@code bytes} on the engine at {@code enginePtr} ended, having thrown {@code thrown}. */
  public static void endFromBytes(CompileEvent event, long enginePtr, byte[] bytes, Throwable thrown) {
    stop(event);
    finish(event, ModuleInfo.ofBytes(bytes, enginePtr), thrown);
  }

  /** A compile of the file at {@code path} on the engine at {@code enginePtr} ended. */
  public static void endFromFile(CompileEvent event, long enginePtr, String path, Throwable thrown) {
    stop(event);
    finish(event, ModuleInfo.ofFile(path, enginePtr), thrown);
  }

  private static void stop(CompileEvent event) {
    if (event.isEnabled()) {
      event.cpuTime = PhaseClock.elapsedCpu(event.cpuTime);
      event.end();
    }
  }

  // The module is hashed after the clock stopped: the hash is the agent's cost, not the compile's.
  private static void finish(CompileEvent event, ModuleInfo module, Throwable thrown) {
    InjectedFailures.maybeThrow("compile end");
    if (thrown == null) {
      ThreadState.current().compiledModule = module;
    }
    if (event.shouldCommit()) {
      event.module = module.name;
      event.moduleHash = module.sha256;
      event.moduleSize = module.size;
      event.engineId = module.engineId;
      event.outcome = Outcome.of(thrown);
      event.failure = Outcome.describe(thrown);
      event.commit();
    }
  }
}
