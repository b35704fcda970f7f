package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.Interval;
import dev.wasmlens.analysis.read.ThreadActivity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The time the JVM was stopped, as disjoint intervals (the union of its safepoints and GC pauses),
 * for placing a stop-the-world GC worker's sampled CPU time where it was spent.
 */
final class PauseUnion {
  private final long[] starts;
  private final long[] ends;

  private PauseUnion(long[] starts, long[] ends) {
    this.starts = starts;
    this.ends = ends;
  }

  static PauseUnion of(List<Interval> pauses) {
    List<Interval> sorted = new ArrayList<>(pauses);
    sorted.sort(Comparator.comparingLong(Interval::startNanos));
    List<long[]> merged = new ArrayList<>();
    for (Interval pause : sorted) {
      long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && pause.startNanos() <= last[1]) {
        last[1] = Math.max(last[1], pause.endNanos());
      } else if (pause.endNanos() > pause.startNanos()) {
        merged.add(new long[] {pause.startNanos(), pause.endNanos()});
      }
    }
    long[] starts = new long[merged.size()];
    long[] ends = new long[merged.size()];
    for (int i = 0; i < merged.size(); i++) {
      starts[i] = merged.get(i)[0];
      ends[i] = merged.get(i)[1];
    }
    return new PauseUnion(starts, ends);
  }

  /**
   * The time right after each pause, {@code factor} times as long as the pause, as a union of its
   * own.
   */
  PauseUnion wakes(double factor) {
    List<Interval> wakes = new ArrayList<>();
    for (int i = 0; i < starts.length; i++) {
      wakes.add(
          new Interval(ends[i], ends[i] + Math.round((ends[i] - starts[i]) * factor), -1, "wake"));
    }
    return of(wakes);
  }

  /**
   * The part of {@code sample}'s CPU time, spread evenly over its interval, that falls in {@code
   * [start, end]} and in these intervals.
   */
  long prorateInPauses(ThreadActivity sample, long start, long end) {
    long from = Math.max(start, sample.startNanos());
    long to = Math.min(end, sample.endNanos());
    long length = sample.endNanos() - sample.startNanos();
    if (to <= from || length <= 0) {
      return 0;
    }
    return Math.round((double) sample.cpuNanos() * stoppedNanos(from, to) / length);
  }

  /** Nanoseconds of {@code [start, end]} the JVM was stopped. */
  long stoppedNanos(long start, long end) {
    long stopped = 0;
    for (int i = firstEndingAfter(start); i < starts.length && starts[i] < end; i++) {
      stopped += Math.max(0, Math.min(end, ends[i]) - Math.max(start, starts[i]));
    }
    return stopped;
  }

  /**
   * The part of {@code sample}'s CPU time that falls in {@code [start, end]}, for a thread that
   * works while the JVM is stopped: as much of it as the sample's pauses can hold is placed in
   * them, evenly; the rest, and all of it in a sample without a pause, evenly over the time the JVM
   * ran.
   */
  long placeInPauses(ThreadActivity sample, long start, long end) {
    long from = Math.max(start, sample.startNanos());
    long to = Math.min(end, sample.endNanos());
    if (to <= from) {
      return 0;
    }
    long stopped = stoppedNanos(sample.startNanos(), sample.endNanos());
    if (stopped == 0) {
      return sample.prorated(sample.cpuNanos(), start, end);
    }
    long running = sample.endNanos() - sample.startNanos() - stopped;
    long inPauses = Math.min(sample.cpuNanos(), stopped);
    long outside = sample.cpuNanos() - inPauses;
    long stoppedHere = stoppedNanos(from, to);
    long runningHere = to - from - stoppedHere;
    double placed = (double) inPauses * stoppedHere / stopped;
    if (running > 0) {
      placed += (double) outside * runningHere / running;
    }
    return Math.round(placed);
  }

  /** The first pause that ends after {@code instant}. */
  private int firstEndingAfter(long instant) {
    int low = 0;
    int high = ends.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (ends[middle] <= instant) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }
}
