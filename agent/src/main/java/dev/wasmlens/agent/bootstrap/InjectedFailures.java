package dev.wasmlens.agent.bootstrap;

/**
 * A switch for the agent's own safety test: with {@code -Dwasmlens.internal.injectFailures=true}
 * every phase recorder throws where it would start and end a phase, so the test can show that the
 * application still sees exactly what it sees without the agent and that every failure is counted.
 * Off, it costs nothing: the JIT folds the constant.
 */
final class InjectedFailures {
  static final boolean ENABLED = Boolean.getBoolean("wasmlens.internal.injectFailures");

  private InjectedFailures() {}

  static void maybeThrow(String where) {
    if (ENABLED) {
      throw new IllegalStateException("injected failure in " + where);
    }
  }
}
