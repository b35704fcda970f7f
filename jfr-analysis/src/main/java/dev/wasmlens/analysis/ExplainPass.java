package dev.wasmlens.analysis;

import dev.wasmlens.analysis.attribution.AttributedOperation;
import dev.wasmlens.analysis.attribution.AttributedRequest;
import dev.wasmlens.analysis.attribution.Attributor;
import dev.wasmlens.analysis.attribution.Context;
import dev.wasmlens.analysis.attribution.RequestAttributor;
import dev.wasmlens.analysis.read.RecordingScan;
import dev.wasmlens.analysis.request.Request;
import dev.wasmlens.analysis.request.RequestGrouper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The second pass over one file, with its service's thresholds: the tail operations and slow
 * requests, each attributed to its causes with the file's own evidence, and the timeline around the
 * slowest.
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
   * @param medians the service's usual duration of each kind of operation ({@link Context#key})
   */
  static Explained explain(
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
      Attributor attributor = new Attributor(new Context(scan.evidence(), medians));
      RequestAttributor requestAttributor = new RequestAttributor(attributor);
      TimelineBuilder timeline = new TimelineBuilder();
      timeline.addAround(scan.operations(), scan.evidence());
      return new Explained(
          scan.operations().stream().map(attributor::attribute).collect(Collectors.toList()),
          requests.stream().map(requestAttributor::attribute).collect(Collectors.toList()),
          timeline.build(),
          null);
    } catch (IOException | RuntimeException | InternalError e) {
      return Explained.problem(file + ": " + RecordingPass.describe(e));
    }
  }
}
