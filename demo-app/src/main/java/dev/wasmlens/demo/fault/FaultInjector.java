package dev.wasmlens.demo.fault;

import java.time.Duration;

/** One cause of slowness, applied for a while on the calling thread. */
interface FaultInjector {
  /** The fault's name in {@code POST /faults/NAME} and in the ground-truth log. */
  String name();

  /**
   * Produces the fault for {@code duration}, then stops.
   *
   * @return what it did, for the ground-truth log (for example {@code "12 explicit GCs, 800 MiB
   *     allocated"})
   */
  String inject(Duration duration) throws Throwable;
}
