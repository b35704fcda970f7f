package dev.wasmlens.analysis.attribution;

/** How strongly the evidence supports a share. */
public enum Strength {
  /** Measured on the operation itself, or a pause its return landed in. */
  STRONG,
  /** Consistent with the cause, by an indirect measure. */
  MEDIUM,
  /** Merely overlapping in time. */
  WEAK
}
