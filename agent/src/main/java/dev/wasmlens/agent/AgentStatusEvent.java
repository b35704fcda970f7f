package dev.wasmlens.agent;

import dev.wasmlens.agent.bootstrap.AgentFailures;
import dev.wasmlens.agent.bootstrap.WasmObjects;
import java.util.function.IntSupplier;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * The agent's own health, written into every recording at the end of each chunk: how many classes
 * it instrumented, how many failures it suppressed, how many wasm objects it tracks, and which
 * service on which host recorded. The analyzer reads it to tell whether a recording can be trusted
 * to be complete, and to merge a fleet's recordings per service.
 */
@Name("wasmlens.AgentStatus")
@Label("WasmLens Agent Status")
@Description(
    "Health of the WasmLens agent; a non-zero suppressed-failure count means some phases may be missing")
@Category("WebAssembly")
@StackTrace(false)
@Period("endChunk")
final class AgentStatusEvent extends Event {
  @Label("Agent Version")
  String agentVersion;

  @Label("Service Name")
  @Description(
      "otel.service.name / OTEL_SERVICE_NAME, else the main class or jar: the analyzer merges a"
          + " fleet's recordings by it")
  String serviceName;

  @Label("Host Name")
  String hostName;

  @Label("Instrumented Classes")
  @Description("wasmtime-java classes instrumented so far")
  int instrumentedClasses;

  @Label("Suppressed Failures")
  @Description("Throwables raised inside the agent and kept from the application since start")
  long suppressedFailures;

  @Label("First Failure")
  String firstFailure;

  @Label("Tracked Objects")
  @Description(
      "wasm objects the agent attaches identity to; bounded by the objects the application keeps")
  int trackedObjects;

  /**
   * Makes JFR emit the event whenever a chunk of any recording ends ({@link PeriodicEvents}, once).
   */
  static void register(IntSupplier instrumentedClasses) {
    FlightRecorder.addPeriodicEvent(
        AgentStatusEvent.class,
        () -> {
          AgentStatusEvent status = new AgentStatusEvent();
          status.agentVersion = AgentVersion.VALUE;
          status.serviceName = ServiceIdentity.SERVICE_NAME;
          status.hostName = ServiceIdentity.HOST_NAME;
          status.instrumentedClasses = instrumentedClasses.getAsInt();
          status.suppressedFailures = AgentFailures.count();
          Throwable first = AgentFailures.first();
          status.firstFailure = first == null ? null : first.toString();
          status.trackedObjects = WasmObjects.trackedObjects();
          status.commit();
        });
  }
}
