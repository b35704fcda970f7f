package dev.wasmlens.demo.fault;

/**
 * The interface the class-generation injector implements again and again with classes it generates
 * at run time. Public, so that classes defined in class loaders of their own can implement it.
 */
public interface GeneratedMixer {
  /** A scrambling function of {@code x}. */
  int mix(int x);
}
