package dev.wasmlens.demo.fault;

import dev.wasmlens.demo.strategy.InstanceStrategy;
import io.github.kawamuray.wasmtime.Engine;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The service's fault injectors by name, run one at a time on a thread of their own, each logged to
 * the ground truth when it ends. Thread-safe.
 */
public final class Faults {
  /** The longest a fault may run. */
  public static final Duration MAX_DURATION = Duration.ofSeconds(60);

  private final Map<String, FaultInjector> injectors = new LinkedHashMap<>();
  private final GroundTruthLog groundTruth;
  private final AtomicBoolean running = new AtomicBoolean();

  /**
   * @param gate the monitor every request's host call passes, which the {@code lock} fault holds
   * @param hostLock the {@code ReentrantLock} every request's host call takes, which the {@code
   *     reentrant-lock} fault holds
   */
  public Faults(
      Engine engine,
      InstanceStrategy strategy,
      RequestGate gate,
      HostLock hostLock,
      GroundTruthLog groundTruth) {
    this.groundTruth = groundTruth;
    for (FaultInjector injector :
        List.of(
            new GcPressure(),
            new JitActivity(),
            new LockContention(gate),
            new EngineLockContention(engine),
            new ColdStarts(strategy),
            new AllocationPressure(),
            new OtherProcessCpuHog(),
            new BlockingHostFunction(strategy),
            new ReentrantLockContention(hostLock),
            new LargeMemories(engine),
            new ClassGeneration())) {
      injectors.put(injector.name(), injector);
    }
  }

  /** The faults' names. */
  public List<String> names() {
    return List.copyOf(injectors.keySet());
  }

  /**
   * Starts fault {@code name} for {@code duration} in the background.
   *
   * @throws IllegalArgumentException naming the faults when {@code name} is none of them, or when
   *     the duration is out of range
   * @throws IllegalStateException when another fault is running
   */
  public void start(String name, Duration duration) {
    FaultInjector injector = injectors.get(name);
    if (injector == null) {
      throw new IllegalArgumentException(
          "unknown fault '" + name + "'; choose one of " + String.join(", ", names()));
    }
    if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          "a fault runs for 1 ms to " + MAX_DURATION.toSeconds() + " s");
    }
    if (!running.compareAndSet(false, true)) {
      throw new IllegalStateException("another fault is running; try again when it ends");
    }
    Thread thread = new Thread(() -> run(injector, duration), "fault-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  private void run(FaultInjector injector, Duration duration) {
    Instant start = Instant.now();
    String detail;
    try {
      detail = injector.inject(duration);
    } catch (Throwable t) {
      detail = "failed: " + t;
    }
    try {
      groundTruth.record(injector.name(), start, Instant.now(), detail);
    } catch (Exception e) {
      System.err.println("could not write the ground-truth log: " + e);
    } finally {
      running.set(false);
    }
  }
}
