package dev.wasmlens.agent.it.locks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs every row of {@link LockRows#ALL} against plain wasmtime-java (no agent) and prints one
 * {@link RowResult} line per row, in order. A row: the action once on an idle fixture (the
 * baseline), then on a fresh fixture while thread A is held inside the row's operation; the action
 * gets {@link #PROBE_WINDOW} to return while A is held, then A is released and the action gets
 * {@link #AFTER_RELEASE_TIMEOUT} more. The test judges the lines; this only observes.
 */
public final class LockProbeApp {
  /**
   * How long an action may take while A is held and still count as not waiting, and how long a
   * waiting one must stay pending. Every action here takes microseconds to a few milliseconds on an
   * idle fixture (the baseline column shows it), so this leaves a wide margin on a loaded machine.
   */
  static final Duration PROBE_WINDOW = Duration.ofMillis(1500);

  /** How long A may take to get inside its operation. */
  static final Duration ENTER_TIMEOUT = Duration.ofSeconds(30);

  /** How long a waiting action, and then A, may take to end once A is released. */
  static final Duration AFTER_RELEASE_TIMEOUT = Duration.ofSeconds(30);

  private LockProbeApp() {}

  public static void main(String[] args) throws Exception {
    Path pipes = Files.createTempDirectory("wasmlens-locks");
    for (int index = 0; index < LockRows.ALL.size(); index++) {
      System.out.println(probe(index, LockRows.ALL.get(index), pipes).format());
    }
    System.out.println("probe done on Java " + Runtime.version());
  }

  private static RowResult probe(int index, LockRow row, Path pipes)
      throws IOException, InterruptedException {
    Attempt baseline = new Attempt(row.action(), new LockFixture(null));
    baseline.run();
    long baselineNanos = baseline.endNanos() - baseline.startNanos();

    LockFixture fixture =
        new LockFixture(row.holder() == Holder.COMPILE ? LockFixture.newFifo(pipes, index) : null);
    Attempt attempt = new Attempt(row.action(), fixture);
    Holder.Hold hold = row.holder().begin(fixture, row.sameThread() ? attempt : () -> {});
    if (!hold.awaitEntered(ENTER_TIMEOUT)) {
      return new RowResult(
          index,
          LockRow.Outcome.HOLDER_NEVER_ENTERED,
          -1,
          -1,
          -1,
          baselineNanos,
          RowResult.NO_FAILURE);
    }
    long enteredNanos = System.nanoTime();
    if (!row.sameThread()) {
      Thread other = new Thread(attempt, "lock-prober");
      other.setDaemon(true);
      other.start();
    }
    boolean doneWhileHeld = attempt.awaitDone(PROBE_WINDOW);
    long releaseNanos = System.nanoTime();
    hold.release();
    // On A's own thread an action that did not return while A was parked never will: A is stuck
    // in it, not at the latch the release opens; give it the probe window once more to show it.
    boolean doneAfter =
        doneWhileHeld || attempt.awaitDone(row.sameThread() ? PROBE_WINDOW : AFTER_RELEASE_TIMEOUT);
    if (doneAfter && !hold.awaitEnd(AFTER_RELEASE_TIMEOUT)) {
      throw new IllegalStateException("the holder of row " + index + " did not end: " + row);
    }
    LockRow.Outcome outcome =
        doneWhileHeld
            ? LockRow.Outcome.COMPLETED_WHILE_HELD
            : doneAfter ? LockRow.Outcome.COMPLETED_AFTER_RELEASE : LockRow.Outcome.NEVER_COMPLETED;
    return new RowResult(
        index,
        outcome,
        doneAfter ? attempt.endNanos() - attempt.startNanos() : -1,
        doneAfter && !doneWhileHeld ? attempt.endNanos() - releaseNanos : -1,
        releaseNanos - enteredNanos,
        baselineNanos,
        doneAfter ? attempt.failure() : RowResult.NO_FAILURE);
  }
}
