/**
 * The paper's Table 1, measured: every instance strategy served by its own JVM (with the agent
 * attached when given) at the same offered load, with cold start, throughput, CPU, tail latency and
 * memory side by side.
 */
package dev.wasmlens.demo.tradeoff;
