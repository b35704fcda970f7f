package dev.wasmlens.demo.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A CPU hog in another process: starts one {@code sh} busy loop per core of the machine, lets them
 * spin for the fault's duration and kills them, waiting until each has exited. The service's
 * threads then wait for a core (run queue) and nothing inside the JVM records why.
 */
final class OtherProcessCpuHog implements FaultInjector {
  /** The longest a killed hog may take to exit before the fault reports it as still running. */
  static final Duration EXIT_TIMEOUT = Duration.ofSeconds(5);

  /** A shell busy loop: no JVM start-up, no I/O, only user time. */
  static final List<String> SPIN = List.of("sh", "-c", "while :; do :; done");

  @Override
  public String name() {
    return "cpu-hog";
  }

  @Override
  public String inject(Duration duration) throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    List<Process> hogs = new ArrayList<>();
    try {
      for (int i = 0; i < cores; i++) {
        hogs.add(new ProcessBuilder(SPIN).redirectErrorStream(true).start());
      }
      TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    } finally {
      hogs.forEach(Process::destroyForcibly);
    }
    List<Long> alive = new ArrayList<>();
    for (Process hog : hogs) {
      if (!hog.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        alive.add(hog.pid());
      }
    }
    return hogs.size()
        + " busy-loop processes (pids "
        + hogs.stream().map(p -> String.valueOf(p.pid())).collect(Collectors.joining(" "))
        + ") on "
        + cores
        + " cores; "
        + (alive.isEmpty() ? "all exited" : "still running: " + alive);
  }
}
