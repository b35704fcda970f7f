package dev.wasmlens.analysis.attribution;

/**
 * One link of a blame chain: who held what the operation (or the previous link) waited for, and,
 * where the recording says, why it held it so long.
 *
 * @param thread the holder's thread, by its Java name
 * @param held what it held: {@code "store lock"}, {@code "engine lock"}, {@code "monitor
 *     com.example.Registry"}
 * @param operation the holder's wasm operation while it held it, for example {@code "call of run
 *     (m.wasm)"}; null when the holder is known only as a thread (a monitor's previous owner)
 * @param heldNanos how long that operation took; -1 when there is none
 * @param cause the main cause of the holder's operation; null when the recording does not say
 * @param causeNanos the time of that cause in the holder's operation; -1 without a cause
 * @param strength the strength of the evidence for that cause; null without a cause
 * @param evidence that cause's evidence in words; null without a cause
 */
public record BlameLink(
    String thread,
    String held,
    String operation,
    long heldNanos,
    Cause cause,
    long causeNanos,
    Strength strength,
    String evidence) {
  /** A holder known only as a thread, with no operation or cause of its own in the recording. */
  static BlameLink threadOnly(String thread, String held) {
    return new BlameLink(thread, held, null, -1, null, -1, null, null);
  }
}
