/**
 * The wasm guests the demo service runs: {@code checksum} (our fixture: a loop and one call into a
 * Java host function) and {@code wat2wasm} (wabt's real-world WASI command, about 1.5 MB, about
 * half a second to compile).
 */
package dev.wasmlens.demo.guest;
