package dev.wasmlens.bench.score;

/**
 * One outermost wasm operation as the agent recorded it (host calls, which run inside a call, are
 * left out).
 *
 * @param phase the analyzer's JSON phase name: {@code COMPILE}, {@code STORE_CREATE}, {@code
 *     INSTANTIATE}, {@code CALL} or {@code TEARDOWN}
 * @param key what its latency is compared with: phase, module and export (or teardown kind)
 */
record Operation(String phase, String key, long threadId, String threadName, long start, long end) {
  long duration() {
    return end - start;
  }
}
