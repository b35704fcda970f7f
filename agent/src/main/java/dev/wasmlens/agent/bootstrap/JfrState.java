package dev.wasmlens.agent.bootstrap;

import jdk.jfr.FlightRecorder;

/**
 * Whether JFR has started in this JVM: a recording has been created, by the agent, {@code
 * -XX:StartFlightRecording}, {@code jcmd} or the application. Until then no recording can want an
 * event, and the phase recorders leave the event classes unloaded: loading the first one registers
 * it with JFR and sets up JFR's event machinery, which the application would otherwise pay at its
 * first wasm use with nothing recording. Once started, JFR stays so.
 */
final class JfrState {
  /** Cached once true: {@link FlightRecorder#isInitialized()} never turns false again. */
  private static volatile boolean started;

  private JfrState() {}

  static boolean started() {
    if (started) {
      return true;
    }
    if (FlightRecorder.isInitialized()) {
      started = true;
      return true;
    }
    return false;
  }
}
