package dev.wasmlens.analysis.attribution;

/**
 * The part of one operation's time put down to one cause.
 *
 * @param nanos how much time, never more than the operation's duration
 * @param evidence the events that support it, in words
 */
public record Share(Cause cause, long nanos, Strength strength, String evidence) {
  /**
   * Two shares of one cause as one: their time added, the stronger evidence, the larger's words.
   */
  static Share combine(Share a, Share b) {
    Share larger = a.nanos() >= b.nanos() ? a : b;
    Strength stronger = a.strength().compareTo(b.strength()) <= 0 ? a.strength() : b.strength();
    return new Share(a.cause(), a.nanos() + b.nanos(), stronger, larger.evidence());
  }
}
