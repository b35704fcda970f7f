package dev.wasmlens.analysis.attribution;

import dev.wasmlens.analysis.read.WasmOperation;
import java.util.List;

/** A slow operation and its time by cause; the shares add up to its duration. */
public record AttributedOperation(WasmOperation operation, List<Share> shares)
    implements Attributed {}
