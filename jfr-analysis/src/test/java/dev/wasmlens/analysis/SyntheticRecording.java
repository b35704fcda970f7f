package dev.wasmlens.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.Timespan;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Real JFR files with wasm events for fast tests: events named and shaped like the agent's,
 * committed in this JVM. (The agent's own recordings are tested in {@code RealRecordingTest}.)
 */
final class SyntheticRecording {
  private SyntheticRecording() {}

  @Name("wasmlens.Call")
  static final class Call extends Event {
    String module;
    String export;
    long storeId;
    long instanceId;
    String outcome;
    boolean firstForInstance;
    String traceId;
    String parentSpanId;

    @Timespan long cpuTime;

    @Timespan long runQueueWait;

    @Timespan long hostTime;
  }

  @Name("wasmlens.AgentStatus")
  static final class AgentStatus extends Event {
    String serviceName;
    String hostName;
  }

  @Name("wasmlens.Compile")
  static final class Compile extends Event {
    String module;
    long engineId;
    String outcome;

    @Timespan long cpuTime;
  }

  @Name("wasmlens.CallHistogram")
  static final class CallHistogram extends Event {
    String module;
    String export;

    @Timespan long interval;

    long count;
    String histogram;
  }

  /** The service the recordings come from, unless told otherwise. */
  static final String SERVICE = "synthetic-service";

  /**
   * The application span every call ran under; calls {@code 2k} and {@code 2k+1} form a request.
   */
  static final String PARENT_SPAN_ID = "00f067aa0ba902b7";

  /**
   * How long a slow call sleeps in its host function: far beyond what a loaded machine's scheduler
   * or a young collection adds to a 50 µs call, so that fast calls stay below slow ones.
   */
  static final Duration SLOW_CALL_HOST_TIME = Duration.ofMillis(20);

  /**
   * Writes {@code calls} calls of about 50 µs, every tenth {@link #SLOW_CALL_HOST_TIME} spent
   * sleeping in a host function, and one compile of about 3 ms, to {@code file}. Calls come in
   * pairs, each pair one request (trace {@link #traceId}).
   */
  static Path write(Path file, int calls) throws Exception {
    return write(file, calls, SERVICE, "host-1");
  }

  /** The same, recorded by {@code service} on {@code host} (as the agent's status event says). */
  static Path write(Path file, int calls, String service, String hostName) throws Exception {
    return write(file, calls, service, hostName, true);
  }

  /** The same, calls without their CPU time, as the agent's default records them. */
  static Path writeWithoutCallCpuTime(Path file, int calls) throws Exception {
    return write(file, calls, SERVICE, "host-1", false);
  }

  private static Path write(
      Path file, int calls, String service, String hostName, boolean callCpuTime) throws Exception {
    try (Recording recording = new Recording()) {
      recording.enable(Call.class).withoutThreshold();
      recording.enable(Compile.class).withoutThreshold();
      recording.enable(AgentStatus.class);
      recording.start();
      AgentStatus status = new AgentStatus();
      status.serviceName = service;
      status.hostName = hostName;
      status.commit();
      Compile compile = new Compile();
      compile.begin();
      busy(Duration.ofMillis(3));
      compile.module = "synthetic.wasm";
      compile.engineId = 7;
      compile.outcome = "ok";
      compile.cpuTime = Duration.ofMillis(3).toNanos();
      compile.commit();
      for (int i = 0; i < calls; i++) {
        Call call = new Call();
        call.begin();
        boolean slow = i % 10 == 9;
        long host = 0;
        if (slow) {
          long start = System.nanoTime();
          Thread.sleep(SLOW_CALL_HOST_TIME.toMillis());
          host = System.nanoTime() - start;
        } else {
          busy(Duration.ofNanos(50_000));
        }
        call.end();
        call.module = "synthetic.wasm";
        call.export = slow ? "slow" : "fast";
        call.storeId = 1;
        call.instanceId = 1;
        call.outcome = "ok";
        call.firstForInstance = i == 0;
        call.cpuTime = !callCpuTime ? Long.MIN_VALUE : slow ? 10_000 : 50_000;
        call.runQueueWait = !callCpuTime ? Long.MIN_VALUE : slow ? 2_000 : 0;
        call.hostTime = host;
        call.traceId = traceId(i / 2);
        call.parentSpanId = PARENT_SPAN_ID;
        call.commit();
      }
      recording.stop();
      recording.dump(file);
    }
    return file;
  }

  /**
   * How many fast calls in {@code file} lasted at least {@code threshold}: those this machine held
   * up, read back so that tests can expect them in the tail.
   */
  static long fastCallsOfAtLeast(Path file, Duration threshold) throws IOException {
    return RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.getEventType().getName().equals("wasmlens.Call"))
        .filter(e -> e.getString("export").equals("fast"))
        .filter(e -> e.getDuration().compareTo(threshold) >= 0)
        .count();
  }

  /**
   * How many requests in {@code file} of fast calls only lasted at least {@code threshold}, their
   * calls' durations added up.
   */
  static long fastRequestsOfAtLeast(Path file, Duration threshold) throws IOException {
    Map<String, Duration> wasmTimes = new HashMap<>();
    Set<String> holdingASlowCall = new HashSet<>();
    for (RecordedEvent call : RecordingFile.readAllEvents(file)) {
      if (call.getEventType().getName().equals("wasmlens.Call")) {
        wasmTimes.merge(call.getString("traceId"), call.getDuration(), Duration::plus);
        if (call.getString("export").equals("slow")) {
          holdingASlowCall.add(call.getString("traceId"));
        }
      }
    }
    return wasmTimes.entrySet().stream()
        .filter(r -> !holdingASlowCall.contains(r.getKey()))
        .filter(r -> r.getValue().compareTo(threshold) >= 0)
        .count();
  }

  /** The trace of request {@code n}. */
  static String traceId(int n) {
    return String.format("4bf92f3577b34da6a3ce929d%08x", n + 1);
  }

  private static void busy(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }
}
