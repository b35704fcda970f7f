package dev.wasmlens.analysis;

import dev.wasmlens.analysis.attribution.AttributedOperation;
import dev.wasmlens.analysis.attribution.AttributedRequest;
import dev.wasmlens.analysis.attribution.Attributor;
import dev.wasmlens.analysis.attribution.Context;
import dev.wasmlens.analysis.attribution.RequestAttributor;
import dev.wasmlens.analysis.read.Evidence;
import dev.wasmlens.analysis.read.RecordingScan;
import dev.wasmlens.analysis.read.WasmOperation;
import dev.wasmlens.analysis.request.Request;
import dev.wasmlens.analysis.request.RequestGrouper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One file's tail operations and slow requests, by its service's thresholds, each attributed to its
 * causes with the file's own evidence, and the timeline around the slowest: from what the first
 * pass kept, or, where that was not the whole tail, from a second read of the file.
 */
final class ExplainPass {
  private ExplainPass() {}

  /** One file after the second pass: a problem, or its attributed tail and timeline. */
  record Explained(
      List<AttributedOperation> tail,
      List<AttributedRequest> requests,
      Analysis.Timeline timeline,
      String problem) {
    static Explained problem(String problem) {
      return new Explained(List.of(), List.of(), null, problem);
    }
  }

  /**
   * Explains the tail the first pass kept, when it is all of it; reads the file again otherwise.
   *
   * @param medians the service's usual duration of each kind of operation ({@link Context#key})
   */
  static Explained explain(
      MeasurePass.Measured measured,
      TailThresholds thresholds,
      Map<String, Long> medians,
      RecordingPass reading) {
    MeasurePass.Kept kept = measured.takeKept();
    if (kept == null || !kept.candidates().holdTail(thresholds)) {
      // Nothing refers to the first read's candidates and evidence from here on.
      kept = null;
      return explain(measured.file(), thresholds, medians, reading);
    }
    try {
      return explain(
          kept.candidates().tailOperations(thresholds),
          kept.candidates().slowRequests(thresholds),
          kept.evidence(),
          medians);
    } catch (RuntimeException e) {
      return Explained.problem(measured.file() + ": " + RecordingPass.describe(e));
    }
  }

  /** Reads {@code file} again and explains its tail. */
  private static Explained explain(
      Path file, TailThresholds thresholds, Map<String, Long> medians, RecordingPass reading) {
    try {
      List<Request> requests = new ArrayList<>();
      RequestGrouper grouper =
          new RequestGrouper(
              true,
              request -> {
                if (thresholds.holds(request)) {
                  requests.add(request);
                }
              });
      RecordingScan scan = reading.read(file, 2, grouper::accept, thresholds::holds);
      grouper.finish();
      return explain(scan.operations(), requests, scan.evidence(), medians);
    } catch (IOException | RuntimeException | InternalError e) {
      return Explained.problem(file + ": " + RecordingPass.describe(e));
    }
  }

  /** Attributes {@code tail}, by start time, and {@code requests} with {@code evidence}. */
  private static Explained explain(
      List<WasmOperation> tail,
      List<Request> requests,
      Evidence evidence,
      Map<String, Long> medians) {
    Attributor attributor = new Attributor(new Context(evidence, medians));
    RequestAttributor requestAttributor = new RequestAttributor(attributor);
    TimelineBuilder timeline = new TimelineBuilder();
    timeline.addAround(tail, evidence);
    return new Explained(
        tail.stream().map(attributor::attribute).collect(Collectors.toList()),
        requests.stream().map(requestAttributor::attribute).collect(Collectors.toList()),
        timeline.build(),
        null);
  }
}
