package dev.wasmlens.agent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class SchedStatTest {
  @Test
  void theThreeFieldsAreParsedAndShortTextIsRefused() {
    long[] fields = new long[3];
    byte[] line = "123456789 42 7\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(SchedStat.parse(line, line.length, fields)).isTrue();
    assertThat(fields).containsExactly(123456789L, 42L, 7L);
    byte[] noNewline = "1 2 3".getBytes(StandardCharsets.US_ASCII);
    assertThat(SchedStat.parse(noNewline, noNewline.length, fields)).isTrue();
    assertThat(fields).containsExactly(1L, 2L, 3L);
    byte[] short_ = "1 2\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(SchedStat.parse(short_, short_.length, fields)).isFalse();
  }

  @Test
  void aKeptFileFollowsItsThreadAsItRuns() throws Exception {
    assumeTrue(SchedStat.SUPPORTED, "this system has no /proc/thread-self/schedstat");
    try (SchedStat own = SchedStat.open(SchedStat.OWN_THREAD)) {
      assertThat(own.read()).isTrue();
      long cpu = own.onCpuNanos();
      long slices = own.timeslices();
      long spinUntil = System.nanoTime() + 20_000_000;
      while (System.nanoTime() < spinUntil) {
        Thread.onSpinWait();
      }
      LockSupport.parkNanos(1_000_000); // off the CPU and back: a new slice brings the counters up
      assertThat(own.read()).isTrue();
      assertThat(own.onCpuNanos()).isGreaterThan(cpu);
      assertThat(own.timeslices()).isGreaterThan(slices);
      assertThat(own.runQueueNanos()).isNotNegative();
    }
  }
}
