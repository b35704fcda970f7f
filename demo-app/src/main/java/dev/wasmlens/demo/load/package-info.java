/**
 * A load generator in the manner of wrk2: open loop at a constant request rate with latency
 * measured from each request's intended send time (coordinated omission corrected), or closed loop;
 * HdrHistogram for the latencies.
 */
package dev.wasmlens.demo.load;
