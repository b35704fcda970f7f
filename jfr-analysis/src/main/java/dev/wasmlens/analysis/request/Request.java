package dev.wasmlens.analysis.request;

import dev.wasmlens.analysis.read.WasmOperation;
import java.util.List;

/**
 * The wasm operations of one trace: a request as far as its wasm work goes. Host calls are left out
 * (their time is inside their call's).
 *
 * @param traceId the trace the operations carry
 * @param startNanos the start of the first operation, epoch nanoseconds
 * @param endNanos the end of the last one
 * @param wasmNanos the operations' durations added up: the request's time in wasm phases, which
 *     leaves out what the request did in Java between them
 * @param operationCount how many operations
 * @param operations the operations by start time; empty when the grouper was asked not to keep them
 */
public record Request(
    String traceId,
    long startNanos,
    long endNanos,
    long wasmNanos,
    int operationCount,
    List<WasmOperation> operations) {}
