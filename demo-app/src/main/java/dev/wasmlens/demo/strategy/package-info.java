/**
 * How a request gets a wasm instance, from full isolation to none: the trade-off the paper measures
 * between cold-start latency, isolation, throughput and tail latency. {@link
 * dev.wasmlens.demo.strategy.Strategies} lists them with the isolation each gives.
 */
package dev.wasmlens.demo.strategy;
