package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.WasmOperation;
import dev.wasmlens.analysis.request.Request;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a slow request's wasm time over the causes: each operation is attributed on its own, and a
 * compile, store creation or instantiation on the request's path is set-up work the request did
 * instead of finding it done, so its time is put down to cold start, with strong evidence (the
 * operation is in the recording), except what medium or strong evidence gives another cause (a
 * pause its thread sat in, a lock it waited for). Its time on a CPU is the set-up work itself, and
 * so is its wait for a CPU, and a compile's wait for its native workers' CPU, which the request
 * would not have had without the set-up (who had the CPUs stays in the evidence).
 */
public final class RequestAttributor {
  private final Attributor operations;

  public RequestAttributor(Attributor operations) {
    this.operations = operations;
  }

  public AttributedRequest attribute(Request request) {
    List<AttributedOperation> attributed = new ArrayList<>();
    Map<Cause, Share> byCause = new EnumMap<>(Cause.class);
    for (WasmOperation operation : request.operations()) {
      AttributedOperation one = onPath(operations.attribute(operation));
      attributed.add(one);
      for (Share share : one.shares()) {
        byCause.merge(share.cause(), share, Share::combine);
      }
    }
    return new AttributedRequest(
        AttributedRequest.RequestSummary.of(request),
        new ArrayList<>(byCause.values()),
        attributed);
  }

  private static AttributedOperation onPath(AttributedOperation attributed) {
    WasmOperation operation = attributed.operation();
    if (!isSetUp(operation.phase())) {
      return attributed;
    }
    Map<Cause, Share> shares = new EnumMap<>(Cause.class);
    for (Share share : attributed.shares()) {
      Share kept =
          share.cause() == Cause.UNEXPLAINED
                  || share.cause() == Cause.ON_CPU
                  || share.strength() == Strength.WEAK
              ? new Share(
                  Cause.COLD_START,
                  share.nanos(),
                  Strength.STRONG,
                  operation.phase().label() + " on the request's path")
              : RunQueueShares.isWait(share) || StarvedCompileWorkersRule.isWorkersWait(share)
                  ? new Share(
                      Cause.COLD_START,
                      share.nanos(),
                      Strength.STRONG,
                      operation.phase().label()
                          + " on the request's path, waiting for a CPU it needed only for the"
                          + " set-up: "
                          + share.cause().label()
                          + " had it ("
                          + share.evidence()
                          + ")")
                  : share;
      shares.merge(kept.cause(), kept, Share::combine);
    }
    return new AttributedOperation(operation, new ArrayList<>(shares.values()));
  }

  private static boolean isSetUp(WasmOperation.Phase phase) {
    return phase == WasmOperation.Phase.COMPILE
        || phase == WasmOperation.Phase.STORE_CREATE
        || phase == WasmOperation.Phase.INSTANTIATE;
  }
}
