package dev.wasmlens.analysis;

import dev.wasmlens.analysis.read.Evidence;
import dev.wasmlens.analysis.read.RecordingScan;
import dev.wasmlens.analysis.read.WasmOperation;
import dev.wasmlens.analysis.request.RequestGrouper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The first pass over one file, usually its only read: the latency distributions of its operations
 * and requests, the service and host that recorded it, a warning for each cause its settings cannot
 * support, and its slowest operations and requests with the evidence that can explain them, kept
 * for the tail its service's thresholds will select ({@link FileTailCandidates}).
 */
final class MeasurePass {
  /** The service of recordings whose agent did not name one. */
  static final String UNKNOWN_SERVICE = "unknown service";

  private MeasurePass() {}

  /**
   * One file after the first pass: a problem, or its distributions, where it comes from, and its
   * tail's candidates with their evidence ({@link #takeKept}).
   */
  record Measured(
      Path file,
      Distributions distributions,
      String service,
      String host,
      List<String> warnings,
      AtomicReference<Kept> kept,
      String problem) {
    static Measured problem(String problem) {
      return new Measured(null, null, null, null, List.of(), new AtomicReference<>(), problem);
    }

    /**
     * The tail's candidates and their evidence, handed over once: whoever takes them decides
     * whether they hold the tail, and lets them go before reading the file again if not, so that
     * the second read does not hold the first one's evidence too (on a 1 GB recording in a 512 MB
     * heap it would not fit beside it).
     */
    Kept takeKept() {
      return kept.getAndSet(null);
    }
  }

  /** A file's slowest operations and requests, and the evidence that can explain them. */
  record Kept(FileTailCandidates candidates, Evidence evidence) {}

  /**
   * Measures {@code file}, keeping its tail's candidates in {@code candidates}; a file that cannot
   * be read, or holds no wasm event, is a problem.
   */
  static Measured measure(Path file, RecordingPass reading, FileTailCandidates candidates) {
    try {
      Distributions distributions = new Distributions();
      RequestGrouper grouper =
          new RequestGrouper(
              true,
              request -> {
                distributions.recordRequest(request.wasmNanos());
                candidates.offer(request);
              });
      ClockCoverage clocks = new ClockCoverage();
      RecordingScan scan =
          reading.read(
              file,
              1,
              operation -> {
                distributions.record(operation);
                grouper.accept(operation);
                clocks.count(operation);
                candidates.offer(operation);
              },
              operation -> false);
      grouper.finish();
      if (scan.wasmEvents() == 0) {
        return Measured.problem(
            file
                + ": no wasmlens events ("
                + scan.events()
                + " other events): was the agent attached?");
      }
      if (scan.operationsInWindow() == 0) {
        return Measured.problem(file + ": " + scan.window().nothingIn(scan.span()));
      }
      List<String> warnings = new ArrayList<>();
      warnings.addAll(
          distributions.useCountedCalls(scan.countedCalls(), scan.unreadableCallHistograms()));
      SettingsCheck.warnings(scan.settings()).forEach(warnings::add);
      clocks.warnings(scan.hasThreadSamples()).forEach(warnings::add);
      warnings.replaceAll(warning -> file.getFileName() + ": " + warning);
      return new Measured(
          file,
          distributions,
          scan.serviceName() == null ? UNKNOWN_SERVICE : scan.serviceName(),
          scan.hostName(),
          warnings,
          new AtomicReference<>(new Kept(candidates, scan.evidence())),
          null);
    } catch (IOException | RuntimeException | InternalError e) {
      return Measured.problem(file + ": " + RecordingPass.describe(e));
    }
  }

  /** How many calls carry which of the clocks that the off-CPU rules read. */
  private static final class ClockCoverage {
    private long withoutCpuTime;
    private long withoutRunQueueWait;
    private long withRunQueueWait;
    private long withoutVoluntarySwitches;

    void count(WasmOperation operation) {
      if (operation.phase() != WasmOperation.Phase.CALL) {
        return;
      }
      if (operation.cpuNanos() < 0) {
        withoutCpuTime++;
      } else if (operation.runQueueNanos() < 0) {
        withoutRunQueueWait++;
      } else {
        withRunQueueWait++;
        if (operation.voluntarySwitches() < 0) {
          withoutVoluntarySwitches++;
        }
      }
    }

    List<String> warnings(boolean threadSamples) {
      List<String> warnings = new ArrayList<>();
      if (withoutCpuTime > 0) {
        warnings.add(SettingsCheck.callsWithoutCpuTime(withoutCpuTime));
      }
      if (withoutRunQueueWait > 0) {
        warnings.add(SettingsCheck.callsWithoutRunQueueWait(withoutRunQueueWait));
      }
      if (withoutVoluntarySwitches > 0) {
        warnings.add(SettingsCheck.callsWithoutVoluntarySwitches(withoutVoluntarySwitches));
      }
      if (withRunQueueWait > 0 && !threadSamples) {
        warnings.add(SettingsCheck.noThreadSamples());
      }
      return warnings;
    }
  }
}
