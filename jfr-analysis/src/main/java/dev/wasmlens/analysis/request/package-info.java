/**
 * Requests: the wasm operations of one trace (the {@code traceId} the agent writes on every phase
 * event when its telemetry is on), grouped while a recording streams by.
 */
package dev.wasmlens.analysis.request;
