package dev.wasmlens.demo.fault;

/**
 * The code the JIT injector loads again and again as new hidden classes: each copy is a method the
 * JIT has never compiled, so running it hot makes the compiler threads work (and compete for the
 * cores).
 */
final class JitWorkload {
  private JitWorkload() {}

  static int spin(int seed) {
    int x = seed;
    for (int i = 0; i < 200; i++) {
      x = x * 1_103_515_245 + 12_345;
      x ^= x >>> 13;
    }
    return x;
  }
}
