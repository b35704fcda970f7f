/**
 * Reading JFR recordings: wasm operations and the JVM events that can explain them, streamed from
 * the file.
 */
package dev.wasmlens.analysis.read;
