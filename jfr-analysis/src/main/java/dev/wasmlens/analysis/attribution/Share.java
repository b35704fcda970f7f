package dev.wasmlens.analysis.attribution;

import java.util.List;

/**
 * The part of one operation's time put down to one cause.
 *
 * @param nanos how much time, never more than the operation's duration
 * @param evidence the events that support it, in words (a blame chain included)
 * @param chain for a wait on a lock, who held it and why, link by link to the root as far as the
 *     recording tells; empty otherwise
 */
public record Share(
    Cause cause, long nanos, Strength strength, String evidence, List<BlameLink> chain) {
  public Share {
    chain = List.copyOf(chain);
  }

  /** A share with no blame chain. */
  public Share(Cause cause, long nanos, Strength strength, String evidence) {
    this(cause, nanos, strength, evidence, List.of());
  }

  /**
   * Two shares of one cause as one: their time added, the stronger evidence, the larger's words.
   */
  static Share combine(Share a, Share b) {
    Share larger = a.nanos() >= b.nanos() ? a : b;
    Strength stronger = a.strength().compareTo(b.strength()) <= 0 ? a.strength() : b.strength();
    return new Share(a.cause(), a.nanos() + b.nanos(), stronger, larger.evidence(), larger.chain());
  }
}
