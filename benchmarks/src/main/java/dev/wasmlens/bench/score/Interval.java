package dev.wasmlens.bench.score;

/** A time interval in epoch nanoseconds, {@code start <= end}. */
record Interval(long start, long end) {
  boolean overlaps(long otherStart, long otherEnd) {
    return otherStart < end && otherEnd > start;
  }

  boolean contains(long from, long to) {
    return from >= start && to <= end;
  }
}
