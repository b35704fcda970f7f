package dev.wasmlens.analysis.attribution;

/** The causes a slow operation's time is attributed to. */
public enum Cause {
  HOST_FUNCTIONS("host functions"),
  GC_SAFEPOINT("GC / safepoint"),
  CONTENTION("contention"),
  COLD_START("cold start"),
  JIT("JIT compilation"),
  CPU_STARVATION("CPU starvation"),
  /** Measured time on a CPU that no other cause explains: more work, or slower work, than usual. */
  ON_CPU("on CPU"),
  UNEXPLAINED("unexplained");

  private final String label;

  Cause(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
