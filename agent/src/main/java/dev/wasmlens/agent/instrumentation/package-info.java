/**
 * Instrumentation of wasmtime-java 0.19.0: one class per instrumented type, each holding its advice
 * as small static classes. Advice is copied into wasmtime-java's classes, so it may call only the
 * JDK, wasmtime-java and the bootstrap package {@code dev.wasmlens.agent.bootstrap}; every advice
 * suppresses and counts what it throws.
 *
 * <p>Advice method signatures name no wasmtime-java type (they take {@code Object} and cast in the
 * body): ByteBuddy reads advice classes by reflection, which would load the named types from the
 * agent's class loader, before and apart from the application's instrumented copies, or fail where
 * wasmtime-java lives in another loader.
 */
package dev.wasmlens.agent.instrumentation;
