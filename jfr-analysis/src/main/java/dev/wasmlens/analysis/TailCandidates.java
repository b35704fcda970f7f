package dev.wasmlens.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The slowest items of one distribution (one phase's operations, or requests), kept while a
 * recording is read once, before the tail's threshold is known: so that the same read that builds
 * the distributions also holds the tail, and the file is not read a second time.
 *
 * <p>With a percentile, every item is kept until there are more than twice {@link #keepFor}; then
 * only the slowest {@code keepFor} stay, and later items below the slowest's floor are dropped on
 * arrival. So memory holds a few times the tail, whatever the recording's length. Whether what is
 * kept is the whole tail is exact, not estimated: {@link #holdAllFrom} says whether every dropped
 * item was faster than the threshold. A distribution that slowed down late in the recording can
 * fail it (its earlier items were dropped against a floor its later ones moved); the file is then
 * read again. Not thread-safe: one per file while it is read.
 *
 * @param <T> what is kept
 */
final class TailCandidates<T> {
  /** Every item is kept while there are fewer than this many; a few megabytes of operations. */
  static final int MIN_KEPT = 20_000;

  /** How many times the tail's expected share of the items seen so far is kept. */
  static final int TAIL_SHARES_KEPT = 2;

  private final ToLongFunction<T> nanos;

  /** The tail's expected share of the items; 0 when the threshold is known from the start. */
  private final double tailShare;

  private final List<T> kept = new ArrayList<>();
  private long seen;
  private long floorNanos;
  private long slowestDroppedNanos = -1;

  private TailCandidates(ToLongFunction<T> nanos, double tailShare, long floorNanos) {
    this.nanos = nanos;
    this.tailShare = tailShare;
    this.floorNanos = floorNanos;
  }

  /**
   * Candidates for a tail that will start at {@code percentile} (0 to 100, exclusive of 0) of the
   * distribution, ranked by {@code nanos}.
   */
  static <T> TailCandidates<T> forPercentile(ToLongFunction<T> nanos, double percentile) {
    return new TailCandidates<>(nanos, (100 - percentile) / 100, 0);
  }

  /** The items at or above a threshold known from the start: every one is kept. */
  static <T> TailCandidates<T> from(ToLongFunction<T> nanos, long thresholdNanos) {
    return new TailCandidates<>(nanos, 0, thresholdNanos);
  }

  /** Keeps {@code item} while it may be in the tail. Items of no duration never are. */
  void offer(T item) {
    long itemNanos = nanos.applyAsLong(item);
    if (itemNanos <= 0) {
      return;
    }
    seen++;
    if (itemNanos < floorNanos) {
      slowestDroppedNanos = Math.max(slowestDroppedNanos, itemNanos);
      return;
    }
    kept.add(item);
    if (tailShare > 0 && kept.size() > 2 * keepFor()) {
      dropAllButSlowest(keepFor());
    }
  }

  /** How many items are kept after a drop: the larger of a floor and twice the expected tail. */
  private int keepFor() {
    return (int)
        Math.max(MIN_KEPT, Math.min(Integer.MAX_VALUE / 4, TAIL_SHARES_KEPT * tailShare * seen));
  }

  private void dropAllButSlowest(int count) {
    long[] durations = new long[kept.size()];
    for (int i = 0; i < durations.length; i++) {
      durations[i] = nanos.applyAsLong(kept.get(i));
    }
    Arrays.sort(durations);
    floorNanos = durations[durations.length - count];
    kept.removeIf(
        item -> {
          long itemNanos = nanos.applyAsLong(item);
          if (itemNanos < floorNanos) {
            slowestDroppedNanos = Math.max(slowestDroppedNanos, itemNanos);
            return true;
          }
          return false;
        });
  }

  /** Whether every item at or above {@code thresholdNanos} was kept. */
  boolean holdAllFrom(long thresholdNanos) {
    return slowestDroppedNanos < thresholdNanos;
  }

  /**
   * The kept items at or above {@code thresholdNanos} (0: all of them), in the order they came;
   * every one of the recording's when {@link #holdAllFrom} says so.
   */
  List<T> from(long thresholdNanos) {
    List<T> tail = new ArrayList<>();
    for (T item : kept) {
      if (nanos.applyAsLong(item) >= thresholdNanos) {
        tail.add(item);
      }
    }
    return tail;
  }
}
