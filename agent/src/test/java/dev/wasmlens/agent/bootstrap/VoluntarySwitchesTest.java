package dev.wasmlens.agent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VoluntarySwitchesTest {
  @Test
  void readsTheVoluntaryLineNotTheNonvoluntaryOne() {
    String status =
        "Name:\tjava\nState:\tR (running)\nvoluntary_ctxt_switches:\t1234\n"
            + "nonvoluntary_ctxt_switches:\t56\n";
    byte[] text = status.getBytes(StandardCharsets.US_ASCII);
    assertThat(VoluntarySwitches.parse(text, text.length)).isEqualTo(1234);
    String reversed = "Name:\tjava\nnonvoluntary_ctxt_switches:\t56\nvoluntary_ctxt_switches:\t7\n";
    byte[] other = reversed.getBytes(StandardCharsets.US_ASCII);
    assertThat(VoluntarySwitches.parse(other, other.length)).isEqualTo(7);
  }

  @Test
  void aFileWithoutTheLineOrCutBeforeItsNumberReadsUnknown() {
    byte[] none =
        "Name:\tjava\nnonvoluntary_ctxt_switches:\t56\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(VoluntarySwitches.parse(none, none.length)).isEqualTo(-1);
    byte[] cut = "Name:\tjava\nvoluntary_ctxt_switches:\t".getBytes(StandardCharsets.US_ASCII);
    assertThat(VoluntarySwitches.parse(cut, cut.length)).isEqualTo(-1);
  }

  @Test
  void aSleepIsAVoluntarySwitchOfTheReadingThread() throws Exception {
    assumeTrue(VoluntarySwitches.SUPPORTED, "no /proc/thread-self/status on this system");
    try (VoluntarySwitches own = VoluntarySwitches.open(VoluntarySwitches.OWN_THREAD)) {
      long before = own.read();
      Thread.sleep(5);
      long after = own.read();
      assertThat(before).isNotNegative();
      assertThat(after).isGreaterThan(before);
    }
  }
}
