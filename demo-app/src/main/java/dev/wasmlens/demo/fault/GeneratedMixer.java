package dev.wasmlens.demo.fault;

/**
 * The interface the class-generation injector implements again and again with classes the JDK
 * generates at run time (proxies, lambdas). Public, so that a proxy of it can be defined in a fresh
 * class loader rather than once in this package's.
 */
public interface GeneratedMixer {
  /** One step of a scrambling function. */
  int mix(int x);
}
