package dev.wasmlens.analysis.attribution;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.wasmlens.analysis.read.WasmOperation;
import java.util.Comparator;
import java.util.List;

/** A slow operation and its time by cause; the shares add up to its duration. */
public record AttributedOperation(WasmOperation operation, List<Share> shares)
    implements Attributed {
  @Override
  @JsonProperty("mainCause")
  public Cause mainCause() {
    return shares.stream()
        .max(Comparator.comparingLong(Share::nanos))
        .map(Share::cause)
        .orElse(Cause.UNEXPLAINED);
  }
}
