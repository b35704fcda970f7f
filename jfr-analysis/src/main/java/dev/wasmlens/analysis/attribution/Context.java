package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.Evidence;
import dev.wasmlens.analysis.read.Interval;
import dev.wasmlens.analysis.read.WasmOperation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A recording's {@link Evidence}, indexed for interval joins: JVM-wide pauses and compilations,
 * lock waits and deoptimizations per thread, machine CPU load, who had the CPUs (the thread
 * sampler); and each operation's usual duration. Not thread-safe: one per file's analysis.
 */
public final class Context {
  private final StartOrdered<Interval> pauses;
  private final Map<Long, StartOrdered<Interval>> lockWaits;
  private final StartOrdered<Interval> compilations;
  private final Map<Long, StartOrdered<Interval>> deoptimizations;
  private final List<Interval> cpuLoad;
  private final Map<String, Long> medianNanos;
  private final StartOrdered<WasmOperation> lockHolders;
  private final CpuActivity cpuActivity;
  private final Deque<WasmOperation> explaining = new ArrayDeque<>();
  private Attributor attributor;
  private WasmOperation competitionOf;
  private CpuActivity.Competition competition;

  /**
   * @param evidence what the recording holds that can explain an operation
   * @param medianNanos the usual (median, first uses left out) duration of operations by {@link
   *     #key(WasmOperation)}
   */
  public Context(Evidence evidence, Map<String, Long> medianNanos) {
    this.pauses = ordered(evidence.pauses());
    this.lockWaits = byThread(evidence.lockWaits());
    this.compilations = ordered(evidence.compilations());
    this.deoptimizations = byThread(evidence.deoptimizations());
    this.cpuLoad = sorted(evidence.cpuLoad());
    this.medianNanos = medianNanos;
    this.lockHolders =
        new StartOrdered<>(
            evidence.lockHolders(), WasmOperation::startNanos, WasmOperation::endNanos);
    this.cpuActivity = new CpuActivity(evidence);
  }

  /** The key operations are compared under: phase, module and name. */
  public static String key(WasmOperation operation) {
    return key(operation.phase(), operation.module(), operation.name());
  }

  /** The same key for operations of {@code phase} on {@code module} named {@code name}. */
  public static String key(WasmOperation.Phase phase, String module, String name) {
    return phase.name() + "|" + module + "|" + name;
  }

  List<Interval> pausesDuring(WasmOperation operation) {
    return during(pauses, operation);
  }

  List<Interval> lockWaitsDuring(WasmOperation operation) {
    return during(lockWaits.get(operation.threadId()), operation);
  }

  List<Interval> compilationsDuring(WasmOperation operation) {
    return during(compilations, operation);
  }

  List<Interval> deoptimizationsDuring(WasmOperation operation) {
    return during(deoptimizations.get(operation.threadId()), operation);
  }

  /**
   * Operations on other threads, overlapping {@code operation}, that held a native lock it needs
   * (see {@link NativeLocks}), by start time.
   */
  List<WasmOperation> lockHoldersDuring(WasmOperation operation) {
    List<WasmOperation> holding = new ArrayList<>();
    for (WasmOperation holder :
        lockHolders.startingNear(operation.startNanos(), operation.endNanos())) {
      if (holder.threadId() != operation.threadId()
          && holder.startNanos() < operation.endNanos()
          && holder.endNanos() > operation.startNanos()
          && NativeLocks.waitsFor(operation, holder)) {
        holding.add(holder);
      }
    }
    return holding;
  }

  /**
   * The machine CPU load sampled nearest to the operation's middle, or -1 when none was recorded.
   */
  double machineLoadAround(WasmOperation operation) {
    long middle = operation.startNanos() + operation.durationNanos() / 2;
    return cpuLoad.stream()
        .min(Comparator.comparingLong(sample -> Math.abs(sample.startNanos() - middle)))
        .map(sample -> Double.parseDouble(sample.what()))
        .orElse(-1.0);
  }

  /** Links of a blame chain followed at most, the slow operation itself included. */
  static final int MAX_CHAIN_DEPTH = 3;

  /** The attributor that explains the operations of this context, for their lock holders. */
  void bind(Attributor attributor) {
    this.attributor = attributor;
  }

  /** Marks {@code operation} as being explained, until {@link #leave}. */
  void enter(WasmOperation operation) {
    explaining.push(operation);
  }

  void leave() {
    explaining.pop();
  }

  /**
   * Why {@code holder}, which held a lock an operation being explained waited for, took so long;
   * null once the chain is {@link #MAX_CHAIN_DEPTH} long. A holder always started before the
   * operation that waited for it ({@link NativeLocks}), so a chain goes back in time and cannot
   * come back to an operation in it; an operation met twice all the same ends it.
   */
  AttributedOperation explainHolder(WasmOperation holder) {
    if (attributor == null || explaining.size() >= MAX_CHAIN_DEPTH || explaining.contains(holder)) {
      return null;
    }
    return attributor.attribute(holder);
  }

  CpuActivity cpuActivity() {
    return cpuActivity;
  }

  /**
   * What competed with the operation's thread for the CPUs while it ran. Kept for the last
   * operation asked about: the rules that split one wait ask one after another.
   */
  CpuActivity.Competition competitionDuring(WasmOperation operation) {
    if (operation != competitionOf) {
      competition =
          cpuActivity.competitionFor(
              operation.osThreadId(), operation.startNanos(), operation.endNanos());
      competitionOf = operation;
    }
    return competition;
  }

  /** The usual duration of operations like this one, or -1 when unknown. */
  long medianNanos(WasmOperation operation) {
    return medianNanos.getOrDefault(key(operation), -1L);
  }

  /** Nanoseconds of {@code [start, end]} covered by the union of {@code intervals}. */
  static long unionOverlap(List<Interval> intervals, long start, long end) {
    long covered = 0;
    long cursor = start;
    for (Interval interval : sorted(intervals)) {
      long from = Math.max(cursor, interval.startNanos());
      long to = Math.min(end, interval.endNanos());
      if (to > from) {
        covered += to - from;
        cursor = to;
      }
    }
    return covered;
  }

  /** The intervals that overlap {@code operation}, or are instants inside it, by start. */
  private static List<Interval> during(StartOrdered<Interval> intervals, WasmOperation operation) {
    List<Interval> overlapping = new ArrayList<>();
    if (intervals == null) {
      return overlapping;
    }
    for (Interval interval : intervals.startingNear(operation.startNanos(), operation.endNanos())) {
      boolean instantInside =
          interval.startNanos() >= operation.startNanos()
              && interval.startNanos() <= operation.endNanos();
      if (interval.overlap(operation.startNanos(), operation.endNanos()) > 0 || instantInside) {
        overlapping.add(interval);
      }
    }
    return overlapping;
  }

  private static StartOrdered<Interval> ordered(List<Interval> intervals) {
    return new StartOrdered<>(intervals, Interval::startNanos, Interval::endNanos);
  }

  private static Map<Long, StartOrdered<Interval>> byThread(List<Interval> intervals) {
    Map<Long, StartOrdered<Interval>> byThread = new HashMap<>();
    intervals.stream()
        .collect(Collectors.groupingBy(Interval::threadId))
        .forEach((thread, ofThread) -> byThread.put(thread, ordered(ofThread)));
    return byThread;
  }

  private static List<Interval> sorted(List<Interval> intervals) {
    List<Interval> copy = new ArrayList<>(intervals);
    copy.sort(Comparator.comparingLong(Interval::startNanos));
    return copy;
  }
}
