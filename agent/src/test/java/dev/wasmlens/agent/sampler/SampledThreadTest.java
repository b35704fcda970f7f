package dev.wasmlens.agent.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The sampler's view of one real thread: an idle thread is read less often, unless its kernel name
 * marks it as one of the JVM's bursty GC or JIT threads.
 */
class SampledThreadTest {
  @Test
  void anIdleThreadIsIdleUnlessItIsNamedLikeAJvmCompilerOrGcThread() throws Exception {
    assertThat(idleAfterTwoSamples("idle-worker")).isTrue();
    assertThat(idleAfterTwoSamples("C2 CompilerThread9")).isFalse();
    assertThat(idleAfterTwoSamples("GC Thread#7")).isFalse();
  }

  /**
   * Starts a thread that names itself and sleeps, samples it twice, and says whether it is idle.
   */
  private static boolean idleAfterTwoSamples(String name) throws Exception {
    AtomicReference<Path> folder = new AtomicReference<>();
    CountDownLatch named = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    Thread sleeper =
        new Thread(
            () -> {
              // The JDK passes a thread's own new name on to the kernel (15 characters of it).
              Thread.currentThread().setName(name);
              try {
                folder.set(Paths.get("/proc/self").resolve(taskOfThisThread()));
                named.countDown();
                done.await();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    sleeper.start();
    named.await();
    try (SampledThread sampled = SampledThread.open(0, folder.get())) {
      assertThat(new String(Files.readAllBytes(folder.get().resolve("comm"))).strip())
          .isEqualTo(name.length() > 15 ? name.substring(0, 15) : name);
      // Until an interval in which the thread had no CPU at all: on a loaded machine it may take
      // a while to reach its wait after naming itself.
      for (int round = 0; round < 200; round++) {
        Thread.sleep(10);
        if (sampled.sample() == 0) {
          break;
        }
      }
      return sampled.idle();
    } finally {
      done.countDown();
      sleeper.join();
    }
  }

  /** {@code task/TID} of the calling thread, from the {@code /proc/thread-self} link. */
  private static Path taskOfThisThread() throws Exception {
    Path link = Files.readSymbolicLink(Paths.get("/proc/thread-self"));
    return link.subpath(1, link.getNameCount());
  }
}
