package dev.wasmlens.agent.bootstrap;

/** The export name a {@code Func} was obtained under, and the instance that exports it. */
final class ExportInfo {
  final String name;

  /** Null when the instance was created before the agent could see it. */
  final InstanceInfo instance;

  ExportInfo(String name, InstanceInfo instance) {
    this.name = name;
    this.instance = instance;
  }
}
