package dev.wasmlens.agent.bootstrap;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An instance's id (a sequence number unique in this JVM), the module it came from and its store.
 */
final class InstanceInfo {
  final long id;

  /** Null when the module was compiled before the agent could see it. */
  final ModuleInfo module;

  /** Null when the store was created before the agent could see it. */
  final StoreInfo store;

  private final AtomicBoolean called = new AtomicBoolean();

  InstanceInfo(long id, ModuleInfo module, StoreInfo store) {
    this.id = id;
    this.module = module;
    this.store = store;
  }

  /** Returns true exactly once: for the first call into this instance. */
  boolean markCalled() {
    // A plain read first: every call asks, and a CAS would contend across threads.
    return !called.get() && called.compareAndSet(false, true);
  }
}
