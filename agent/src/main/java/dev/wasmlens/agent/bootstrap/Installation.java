package dev.wasmlens.agent.bootstrap;

/**
 * Which WasmLens instruments this JVM: the standalone agent or the OpenTelemetry Java agent
 * extension, and only one of them, once (both would record every phase twice). Both put this
 * package on the bootstrap class path before they claim, so they see the same owner.
 */
public final class Installation {
  private static String owner;

  private Installation() {}

  /** Claims the JVM for {@code name}; false when it is claimed already. */
  public static synchronized boolean claim(String name) {
    if (owner != null) {
      return false;
    }
    owner = name;
    return true;
  }

  /** Who claimed the JVM; null before anyone did. */
  public static synchronized String owner() {
    return owner;
  }
}
