package dev.wasmlens.agent.bootstrap;

/**
 * An instance's id (a sequence number unique in this JVM), the module it came from and its store.
 */
final class InstanceInfo {
  final long id;

  /** Null when the module was compiled before the agent could see it. */
  final ModuleInfo module;

  /** Null when the store was created before the agent could see it. */
  final StoreInfo store;

  InstanceInfo(long id, ModuleInfo module, StoreInfo store) {
    this.id = id;
    this.module = module;
    this.store = store;
  }
}
