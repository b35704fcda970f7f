/**
 * Benchmarks of what the agent costs: each runs every configuration in child JVMs, interleaved
 * round by round so that a noisy machine hits them alike, and reports medians with their spread and
 * ratios to the run without the agent. One command each; results in docs/benchmarks.md.
 */
package dev.wasmlens.bench;
