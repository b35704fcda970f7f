package dev.wasmlens.analysis.attribution;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Intervals ordered by start, for joins with a slow operation's interval: the ones that may overlap
 * it are found by a binary search and a walk no longer than the longest interval, not by a scan of
 * the whole recording's (which made attributing a large recording's tail quadratic).
 *
 * @param <T> the intervals
 */
final class StartOrdered<T> {
  private final List<T> items;
  private final ToLongFunction<T> start;
  private final long longestNanos;

  StartOrdered(Collection<T> items, ToLongFunction<T> start, ToLongFunction<T> end) {
    this.items = new ArrayList<>(items);
    this.items.sort(Comparator.comparingLong(start));
    this.start = start;
    this.longestNanos =
        this.items.stream()
            .mapToLong(item -> end.applyAsLong(item) - start.applyAsLong(item))
            .max()
            .orElse(0);
  }

  /**
   * The items that start in {@code [from - longest, to]}, by start: every one that overlaps {@code
   * [from, to]} or starts inside it, and a few that end before it.
   */
  List<T> startingNear(long from, long to) {
    List<T> near = new ArrayList<>();
    for (int i = firstStartingFrom(from - longestNanos); i < items.size(); i++) {
      T item = items.get(i);
      if (start.applyAsLong(item) > to) {
        break;
      }
      near.add(item);
    }
    return near;
  }

  /** Every item, by start. */
  List<T> all() {
    return items;
  }

  private int firstStartingFrom(long nanos) {
    int low = 0;
    int high = items.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (start.applyAsLong(items.get(middle)) < nanos) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }
}
