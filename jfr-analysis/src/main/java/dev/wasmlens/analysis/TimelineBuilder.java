package dev.wasmlens.analysis;

import dev.wasmlens.analysis.read.Evidence;
import dev.wasmlens.analysis.read.Interval;
import dev.wasmlens.analysis.read.WasmOperation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Collects an {@link Analysis.Timeline}: the JVM events of a file from the start of its slowest
 * operations to their end, and a service's from its files', at most {@link
 * Analysis#MAX_TIMELINE_INTERVALS} of each kind in all. Not thread-safe.
 */
final class TimelineBuilder {
  /** The slowest operations per file whose surroundings the timeline shows. */
  static final int SLOWEST_PER_FILE = 20;

  private final List<Interval> pauses = new ArrayList<>();
  private final List<Interval> compilations = new ArrayList<>();
  private final List<Interval> lockWaits = new ArrayList<>();

  /** Adds the surroundings of the slowest of one file's {@code tail}, from its {@code evidence}. */
  void addAround(List<WasmOperation> tail, Evidence evidence) {
    List<WasmOperation> slowest =
        tail.stream()
            .sorted(Comparator.comparingLong(WasmOperation::durationNanos).reversed())
            .limit(SLOWEST_PER_FILE)
            .collect(Collectors.toList());
    if (slowest.isEmpty()) {
      return;
    }
    long from = slowest.stream().mapToLong(WasmOperation::startNanos).min().getAsLong();
    long to = slowest.stream().mapToLong(WasmOperation::endNanos).max().getAsLong();
    keep(pauses, evidence.pauses(), from, to);
    keep(compilations, evidence.compilations(), from, to);
    // Only waits inside the slow operations, on their threads: an idle request thread parks between
    // requests.
    List<Interval> waits =
        evidence.lockWaits().stream()
            .filter(
                w ->
                    slowest.stream()
                        .anyMatch(
                            o ->
                                o.threadId() == w.threadId()
                                    && w.overlap(o.startNanos(), o.endNanos()) > 0))
            .collect(Collectors.toList());
    keep(lockWaits, waits, from, to);
  }

  /** Adds another file's timeline, as far as the limits allow. */
  void add(Analysis.Timeline timeline) {
    keep(pauses, timeline.pauses(), Long.MIN_VALUE, Long.MAX_VALUE);
    keep(compilations, timeline.compilations(), Long.MIN_VALUE, Long.MAX_VALUE);
    keep(lockWaits, timeline.lockWaits(), Long.MIN_VALUE, Long.MAX_VALUE);
  }

  Analysis.Timeline build() {
    return new Analysis.Timeline(pauses, compilations, lockWaits);
  }

  private static void keep(List<Interval> kept, List<Interval> intervals, long from, long to) {
    for (Interval interval : intervals) {
      if (kept.size() >= Analysis.MAX_TIMELINE_INTERVALS) {
        return;
      }
      if (interval.endNanos() >= from && interval.startNanos() <= to) {
        kept.add(interval);
      }
    }
  }
}
