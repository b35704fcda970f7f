package dev.wasmlens.agent.it.locks;

/**
 * One row of the lock table: while {@link #holder} keeps thread A inside its operation, {@link
 * #action} runs on another thread B (or, {@link #sameThread}, on A itself inside its host call) and
 * is expected to {@link #expected end} in a given way.
 *
 * @param sentence the row as a sentence, used as the test's name
 * @param holder how A is held
 * @param sameThread whether the action runs on A, inside the host function it is parked in
 * @param expected what the action does while A is held
 * @param action the operation B (or A) tries
 */
public record LockRow(
    String sentence, Holder holder, boolean sameThread, Outcome expected, Action action) {

  public LockRow {
    if (sameThread && holder == Holder.COMPILE) {
      throw new IllegalArgumentException("a compile runs no Java code inside it: " + sentence);
    }
    if (expected == Outcome.COMPLETED_AFTER_RELEASE && sameThread) {
      throw new IllegalArgumentException("A cannot wait for its own release: " + sentence);
    }
  }

  @Override
  public String toString() {
    return sentence;
  }

  /** An operation on the row's fixture. */
  @FunctionalInterface
  public interface Action {
    void run(LockFixture fixture) throws Exception;
  }

  /** What the action did while A was held. */
  public enum Outcome {
    /** It returned (or threw) while A was still inside its operation: it does not wait. */
    COMPLETED_WHILE_HELD,
    /** It was still running when A was released, and returned after: it waits for A. */
    COMPLETED_AFTER_RELEASE,
    /** It did not return while A was held, nor after: on A's own thread, a self-deadlock. */
    NEVER_COMPLETED,
    /** A never got inside its operation: the row shows nothing. */
    HOLDER_NEVER_ENTERED
  }
}
