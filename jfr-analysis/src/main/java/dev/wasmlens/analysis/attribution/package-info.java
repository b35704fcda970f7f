/**
 * Why a slow wasm operation was slow: one class per cause, each taking the share of the operation's
 * time its evidence supports, in a fixed order, from what is left; time no cause explains stays
 * unexplained.
 */
package dev.wasmlens.analysis.attribution;
