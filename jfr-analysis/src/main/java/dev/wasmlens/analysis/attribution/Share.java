package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.attribution.CpuActivity.Competitor;
import java.util.List;

/**
 * The part of one operation's time put down to one cause.
 *
 * @param nanos how much time, never more than the operation's duration
 * @param evidence the events that support it, in words (a blame chain included)
 * @param chain for a wait on a lock, who held it and why, link by link to the root as far as the
 *     recording tells; empty otherwise
 * @param takenBy for time the operation's thread could not run (waiting for a CPU, or stolen below
 *     the operating system): the kind of competitor that had most of the CPUs meanwhile, by the
 *     thread sampler; null for other shares and when the recording cannot say
 * @param takenByThread with {@code takenBy}: the thread of that kind with the most CPU time
 *     meanwhile (its Java name, or the kernel's with {@code (native)}); null without a thread, as
 *     for other processes or steal
 */
public record Share(
    Cause cause,
    long nanos,
    Strength strength,
    String evidence,
    List<BlameLink> chain,
    Competitor takenBy,
    String takenByThread) {
  public Share {
    chain = List.copyOf(chain);
  }

  /** A share with a blame chain and no CPU taker. */
  public Share(Cause cause, long nanos, Strength strength, String evidence, List<BlameLink> chain) {
    this(cause, nanos, strength, evidence, chain, null, null);
  }

  /** A share with no blame chain and no CPU taker. */
  public Share(Cause cause, long nanos, Strength strength, String evidence) {
    this(cause, nanos, strength, evidence, List.of(), null, null);
  }

  /**
   * A share of time the thread could not run, taken by {@code takenBy}, most by {@code
   * takenByThread} (null when no thread is named).
   */
  static Share takenBy(
      Competitor takenBy,
      String takenByThread,
      Cause cause,
      long nanos,
      Strength strength,
      String evidence) {
    return new Share(cause, nanos, strength, evidence, List.of(), takenBy, takenByThread);
  }

  /**
   * Two shares of one cause as one: their time added, the stronger evidence, the larger's words,
   * chain and CPU taker with its thread.
   */
  static Share combine(Share a, Share b) {
    Share larger = a.nanos() >= b.nanos() ? a : b;
    Strength stronger = a.strength().compareTo(b.strength()) <= 0 ? a.strength() : b.strength();
    return new Share(
        a.cause(),
        a.nanos() + b.nanos(),
        stronger,
        larger.evidence(),
        larger.chain(),
        larger.takenBy(),
        larger.takenByThread());
  }
}
