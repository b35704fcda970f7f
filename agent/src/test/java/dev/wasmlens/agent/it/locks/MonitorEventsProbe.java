package dev.wasmlens.agent.it.locks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * What JFR records of a native lock wait and of the Java monitor the binding keeps while waiting: a
 * call is parked in a host function (holding the store); thread {@value #NATIVE_WAITER} calls
 * {@code Store.setEpochDeadline} on that store and waits natively, holding the Store object's
 * monitor; thread {@value #MONITOR_WAITER} does the same and blocks on that monitor. Prints the
 * native waiter's thread state while it waits ({@code native-waiter-state STATE}), then one line
 * per {@code jdk.JavaMonitorEnter} or {@code jdk.ThreadPark} event of either thread ({@code event
 * NAME THREAD MONITOR_CLASS PREVIOUS_OWNER}, tab-separated). Plain wasmtime-java, no agent.
 */
public final class MonitorEventsProbe {
  static final String NATIVE_WAITER = "native-waiter";
  static final String MONITOR_WAITER = "monitor-waiter";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final long POLL_MILLIS = 5;

  private MonitorEventsProbe() {}

  public static void main(String[] args) throws Exception {
    Path file = Files.createTempFile("wasmlens-monitor", ".jfr");
    try (Recording recording = new Recording()) {
      // Every contended enter and every park, however short: the probe looks for their absence too.
      recording.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ZERO);
      recording.enable("jdk.ThreadPark").withThreshold(Duration.ZERO);
      recording.start();
      run();
      recording.stop();
      recording.dump(file);
    }
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      RecordedThread thread = event.getThread();
      String name = thread == null ? "" : thread.getJavaName();
      if (NATIVE_WAITER.equals(name) || MONITOR_WAITER.equals(name)) {
        System.out.println(
            String.join(
                "\t",
                "event",
                event.getEventType().getName(),
                name,
                event.hasField("monitorClass") ? event.getClass("monitorClass").getName() : "-",
                event.hasField("previousOwner") && event.getThread("previousOwner") != null
                    ? event.getThread("previousOwner").getJavaName()
                    : "-"));
      }
    }
  }

  private static void run() throws Exception {
    LockFixture fixture = new LockFixture(null);
    Holder.Hold hold = Holder.CALL.begin(fixture, () -> {});
    if (!hold.awaitEntered(TIMEOUT)) {
      throw new IllegalStateException("the call never reached its host function");
    }
    Thread nativeWaiter =
        JniMonitors.startHolding(
            fixture.store, NATIVE_WAITER, () -> fixture.store.setEpochDeadline(1));
    Thread monitorWaiter = new Thread(() -> fixture.store.setEpochDeadline(2), MONITOR_WAITER);
    monitorWaiter.start();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (monitorWaiter.getState() != Thread.State.BLOCKED) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            MONITOR_WAITER + " never blocked: " + monitorWaiter.getState());
      }
      Thread.sleep(POLL_MILLIS);
    }
    System.out.println("native-waiter-state " + nativeWaiter.getState());
    hold.release();
    nativeWaiter.join(TIMEOUT.toMillis());
    monitorWaiter.join(TIMEOUT.toMillis());
    hold.awaitEnd(TIMEOUT);
  }
}
