package dev.wasmlens.demo.strategy;

import dev.wasmlens.demo.guest.ChecksumInstance;
import java.util.function.ToIntFunction;

/**
 * Serves requests with instances of the {@code checksum} guest. Implementations are thread-safe.
 */
public interface InstanceStrategy extends AutoCloseable {
  /** The strategy's name on the command line and in reports, for example {@code prewarmed-pool}. */
  String name();

  /** What one request can see of another's state: the isolation this strategy gives. */
  String isolation();

  /**
   * Runs one request with an instance, waiting for one if the strategy has none free.
   *
   * @throws InterruptedException if interrupted while waiting for an instance
   */
  int serve(ToIntFunction<ChecksumInstance> request) throws InterruptedException;

  /** Instances created while a request waited for them: the request paid an instantiation. */
  long coldStarts();

  /**
   * Scales to zero: disposes of the idle instances and, in a pool, the compiled module, so that the
   * next requests find nothing warm and pay a cold start with a compile on their path (the
   * cold-start fault injector). Returns how many instances were disposed of; strategies without
   * idle instances dispose of none.
   */
  default int evictIdle() {
    return 0;
  }

  /** Disposes of every instance and module the strategy holds; the engine stays its creator's. */
  @Override
  void close();
}
