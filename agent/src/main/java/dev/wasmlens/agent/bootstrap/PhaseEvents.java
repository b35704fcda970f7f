package dev.wasmlens.agent.bootstrap;

import dev.wasmlens.agent.bootstrap.jfr.CallEvent;
import dev.wasmlens.agent.bootstrap.jfr.CompileEvent;
import dev.wasmlens.agent.bootstrap.jfr.HostCallEvent;
import dev.wasmlens.agent.bootstrap.jfr.InstantiateEvent;
import dev.wasmlens.agent.bootstrap.jfr.StoreCreateEvent;
import dev.wasmlens.agent.bootstrap.jfr.TeardownEvent;

/** The phase recorders' JFR event classes, loaded ahead of the agent's own recording. */
public final class PhaseEvents {
  private PhaseEvents() {}

  /**
   * Loads and registers the phase event classes; call before the agent starts its recording. A
   * class first loaded while a recording is starting can miss the recording's settings until they
   * next change: after an attach, whose recording starts while the application runs, the first 60
   * store teardowns and the instantiations and calls of 80-130 ms went unrecorded (AttachIT, 2 runs
   * in 8) once the classes were no longer loaded before JFR started ({@link JfrState}). Loaded
   * here, their registration is also the agent's start-up, not the application's first use.
   */
  public static void register() {
    new CompileEvent();
    new StoreCreateEvent();
    new InstantiateEvent();
    new CallEvent();
    new HostCallEvent();
    new TeardownEvent();
  }
}
