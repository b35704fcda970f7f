package dev.wasmlens.analysis.read;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts steps of a read (events parsed, frames checked) so that another thread can tell a read
 * that makes progress from one that is stuck. One thread beats; any thread may read the count. A
 * beat is a release store (a plain store on x86), cheap enough for every event.
 */
public final class Heartbeat {
  private final AtomicLong beats = new AtomicLong();

  /** One more step done. Called by the reading thread only. */
  public void beat() {
    beats.lazySet(beats.get() + 1);
  }

  /** The steps done so far. */
  public long beats() {
    return beats.get();
  }
}
