/**
 * The demo's HTTP service: wasm guests behind HTTP endpoints, served with one instance strategy.
 */
package dev.wasmlens.demo.service;
