/**
 * What the advice inlined into wasmtime-java calls: the phase recorders, the identity of wasm
 * objects, and the failure counter.
 *
 * <p>At start-up the agent appends this package (and its sub-packages) to the bootstrap class path.
 * Advice is copied into wasmtime-java's own classes, which may be defined by any class loader,
 * including an isolated one whose parent is the platform loader; only classes of the bootstrap
 * loader are visible from all of them. So everything here depends on the JDK alone and never on
 * wasmtime-java types: wasm objects arrive as {@code Object}.
 */
package dev.wasmlens.agent.bootstrap;
