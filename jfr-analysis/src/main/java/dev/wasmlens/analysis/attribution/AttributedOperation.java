package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.WasmOperation;
import java.util.List;

/**
 * A slow operation and its time by cause; the shares add up to its duration.
 *
 * @param split where its time went, as measured (on CPU, waiting for a CPU, blocked)
 */
public record AttributedOperation(WasmOperation operation, TimeSplit split, List<Share> shares)
    implements Attributed {
  public AttributedOperation(WasmOperation operation, List<Share> shares) {
    this(operation, TimeSplit.of(operation), shares);
  }
}
