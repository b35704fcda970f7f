package dev.wasmlens.agent.bootstrap;

/**
 * A Java function that wasm can import: its trampoline index, its store, and the import name it was
 * linked under ({@code module.name}), which is known only once it is defined in a linker or passed
 * to an instance.
 */
final class HostFuncInfo {
  final int index;

  /** Null when the store was created before the agent could see it. */
  final StoreInfo store;

  /** Set by the first definition that names it; read by every host call. */
  volatile String importName;

  /** What host calls are named before {@link #importName} is known: {@code #index}. */
  final String unnamed;

  HostFuncInfo(int index, StoreInfo store) {
    this.index = index;
    this.store = store;
    this.unnamed = "#" + index;
  }

  /** The import name, or {@code #index} before it is known; the same string every time. */
  String name() {
    String name = importName;
    return name == null ? unnamed : name;
  }
}
