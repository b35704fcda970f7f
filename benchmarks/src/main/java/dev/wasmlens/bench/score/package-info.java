/**
 * The fault suite's scorer: reads each run's ground truth and recording, runs the analyzer on the
 * recording as a user would ({@code wasmlens-analyze --format json}) and measures how often it
 * named the cause the ground truth expects. Independent of the analyzer's code: it reads only the
 * recording's wasm events (the workload's own timing) and the analyzer's JSON output.
 */
package dev.wasmlens.bench.score;
