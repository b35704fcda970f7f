package dev.wasmlens.demo.fault;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;

/**
 * JIT activity: defines fresh hidden copies of {@link JitWorkload} and runs each hot until the JIT
 * compiles it, for as long as asked. JFR records the compilations ({@code jdk.Compilation}).
 */
final class JitActivity implements FaultInjector {
  /** Calls per copy: beyond the tiered thresholds, so C1 and then C2 compile it. */
  static final int CALLS_PER_COPY = 20_000;

  @Override
  public String name() {
    return "jit";
  }

  @Override
  public String inject(Duration duration) throws Throwable {
    byte[] template = template();
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    long end = System.nanoTime() + duration.toNanos();
    int copies = 0;
    int sink = 0;
    while (System.nanoTime() < end) {
      MethodHandles.Lookup copy = lookup.defineHiddenClass(template, true);
      MethodHandle spin =
          copy.findStatic(copy.lookupClass(), "spin", MethodType.methodType(int.class, int.class));
      for (int i = 0; i < CALLS_PER_COPY; i++) {
        sink += (int) spin.invokeExact(i);
      }
      copies++;
    }
    return copies + " fresh classes compiled (checksum " + sink + ")";
  }

  private static byte[] template() throws IOException {
    try (InputStream in = JitWorkload.class.getResourceAsStream("JitWorkload.class")) {
      return in.readAllBytes();
    }
  }
}
