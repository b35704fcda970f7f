package dev.wasmlens.agent.bootstrap;

/**
 * A {@code Store}'s id (a sequence number unique in this JVM) and the native address of its engine.
 */
final class StoreInfo {
  final long id;

  /** The native address of the store's engine; 0 when unknown. */
  final long engineId;

  StoreInfo(long id, long engineId) {
    this.id = id;
    this.engineId = engineId;
  }
}
