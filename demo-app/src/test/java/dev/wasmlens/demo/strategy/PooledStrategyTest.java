package dev.wasmlens.demo.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kawamuray.wasmtime.Engine;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pool's rules with real instances: never above max, waits when exhausted, retires idle
 * instances.
 */
class PooledStrategyTest {
  private static Engine engine;

  @BeforeAll
  static void createEngine() {
    engine = new Engine();
  }

  @AfterAll
  static void disposeEngine() {
    engine.close();
  }

  @Test
  void scalingToZeroMakesTheNextRequestPayAColdStartWithTheSameResult() throws Exception {
    try (PooledStrategy pool = new PooledStrategy("hybrid", engine, 2, 4, Duration.ofSeconds(10))) {
      int warm = pool.serve(instance -> instance.checksum(1_000));
      assertThat(pool.evictIdle()).isEqualTo(2);
      assertThat(pool.alive()).isZero();
      // The module was dropped too: this request compiles it again.
      assertThat(pool.serve(instance -> instance.checksum(1_000))).isEqualTo(warm);
      assertThat(pool.coldStarts()).isEqualTo(1);
      assertThat(pool.evictIdle()).isEqualTo(1);
      assertThat(pool.serve(instance -> instance.checksum(1_000))).isEqualTo(warm);
    }
  }

  @Test
  void aDynamicPoolGrowsToItsMaximumMakesTheRestWaitAndShrinksWhenIdle() throws Exception {
    ExecutorService requests = Executors.newFixedThreadPool(4);
    try (PooledStrategy pool =
        new PooledStrategy("dynamic-pool", engine, 0, 2, Duration.ofMillis(50))) {
      assertThat(pool.alive()).isZero();
      CountDownLatch release = new CountDownLatch(1);
      AtomicInteger inside = new AtomicInteger();
      AtomicInteger mostInside = new AtomicInteger();
      Future<?>[] running = new Future<?>[4];
      for (int i = 0; i < 4; i++) {
        running[i] =
            requests.submit(
                () ->
                    pool.serve(
                        instance -> {
                          mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                          try {
                            release.await(5, TimeUnit.SECONDS);
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                          inside.decrementAndGet();
                          return instance.checksum(3);
                        }));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (inside.get() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      Thread.sleep(100);
      assertThat(inside.get()).as("requests holding an instance while two wait").isEqualTo(2);
      assertThat(Arrays.stream(running).filter(Future::isDone)).isEmpty();
      release.countDown();
      for (Future<?> request : running) {
        request.get(10, TimeUnit.SECONDS);
      }
      assertThat(mostInside.get()).isEqualTo(2);
      assertThat(pool.coldStarts()).isEqualTo(2);
      assertThat(pool.alive()).isEqualTo(2);

      Thread.sleep(100);
      pool.serve(instance -> instance.checksum(1));
      // The instance just used stays; the one idle past the timeout is retired.
      assertThat(pool.alive()).isEqualTo(1);
    } finally {
      requests.shutdownNow();
    }
  }

  @Test
  void aPrewarmedPoolCreatesItsInstancesUpFrontAndKeepsThem() throws Exception {
    try (PooledStrategy pool =
        new PooledStrategy("prewarmed-pool", engine, 3, 3, Duration.ofMillis(1))) {
      assertThat(pool.alive()).isEqualTo(3);
      Thread.sleep(10);
      pool.serve(instance -> instance.checksum(1));
      assertThat(pool.alive()).isEqualTo(3);
      assertThat(pool.coldStarts()).isZero();
    }
  }

  @Test
  void impossibleSizesAreRejectedWithTheirValues() {
    assertThatThrownBy(() -> Strategies.create("hybrid", engine, 2, 3, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "hybrid: pool sizes must satisfy 0 <= min <= max and max >= 1, got min 3, max 2");
    assertThatThrownBy(() -> Strategies.create("fastest", engine, 2, 1, Duration.ofSeconds(1)))
        .hasMessage(
            "unknown strategy 'fastest'; choose one of cold, fresh-instance, prewarmed-pool, dynamic-pool, hybrid, shared, shared-store");
  }
}
