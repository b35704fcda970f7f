/**
 * The JFR events of WasmLens, one class per wasm phase. Their names and fields are the contract
 * with the analyzer and are listed in docs/events.md; rename nothing without updating both.
 */
package dev.wasmlens.agent.bootstrap.jfr;
