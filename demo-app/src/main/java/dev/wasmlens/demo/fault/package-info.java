/**
 * Fault injectors: switchable causes that make requests slow for a while, each really producing its
 * effect (a GC, JIT compilations, a contended monitor, a held engine lock, requests that must
 * instantiate) and each writing when it acted to a ground-truth log, against which the analyzer's
 * attribution is checked.
 */
package dev.wasmlens.demo.fault;
