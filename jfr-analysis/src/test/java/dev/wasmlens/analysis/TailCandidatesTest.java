package dev.wasmlens.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * What one read keeps of a distribution for a tail whose threshold it does not know yet: bounded,
 * and whole whenever it says so, checked against the threshold the whole distribution gives.
 */
class TailCandidatesTest {
  private static final double P99 = 99;

  @Test
  void aSteadyDistributionKeepsItsWholeTailInAFewTimesItsSize() {
    Random random = new Random(1);
    List<Long> durations = new ArrayList<>();
    for (int i = 0; i < 2_000_000; i++) {
      // Log-normal around 20 us, as calls are.
      durations.add((long) (20_000 * Math.exp(random.nextGaussian())));
    }
    TailCandidates<Long> candidates = offerAll(durations);
    long threshold = p99(durations);

    assertThat(candidates.holdAllFrom(threshold)).isTrue();
    assertThat(candidates.from(threshold))
        .containsExactlyElementsOf(atOrAbove(durations, threshold));
    // The tail is 1% (20,000); at most twice twice that is ever held.
    assertThat(candidates.from(0)).hasSizeLessThanOrEqualTo(4 * 20_000);
  }

  @Test
  void aDistributionThatSpeedsUpLateSaysItsTailWasNotAllKept() {
    // A million items of 100-101 us set a floor near the top 2% of them; three million of 10-11 us
    // follow and are dropped. The whole distribution's p99 (its 40,000 slowest) then lies below
    // that floor, among items dropped before the fast ones came.
    Random random = new Random(2);
    List<Long> durations = new ArrayList<>();
    for (int i = 0; i < 1_000_000; i++) {
      durations.add(100_000L + random.nextInt(1_000));
    }
    for (int i = 0; i < 3_000_000; i++) {
      durations.add(10_000L + random.nextInt(1_000));
    }
    long threshold = p99(durations);
    TailCandidates<Long> candidates = offerAll(durations);

    assertThat(candidates.holdAllFrom(threshold)).isFalse();
    assertThat(candidates.from(threshold).size())
        .isLessThan(atOrAbove(durations, threshold).size());
    // Above the floor, what is kept is still all there is.
    long floor = Collections.min(candidates.from(0));
    assertThat(candidates.holdAllFrom(floor)).isTrue();
    assertThat(candidates.from(floor)).containsExactlyElementsOf(atOrAbove(durations, floor));
  }

  @Test
  void aThresholdKnownFromTheStartKeepsEverythingAtOrAboveIt() {
    TailCandidates<Long> candidates = TailCandidates.from(Long::longValue, 500);
    List<Long> durations = new ArrayList<>();
    for (long i = 0; i < 100_000; i++) {
      durations.add(i % 1_000);
    }
    durations.forEach(candidates::offer);

    assertThat(candidates.holdAllFrom(500)).isTrue();
    assertThat(candidates.holdAllFrom(499)).isFalse();
    assertThat(candidates.from(500)).containsExactlyElementsOf(atOrAbove(durations, 500));
  }

  @Test
  void itemsOfNoDurationAreNeverKept() {
    TailCandidates<Long> candidates = TailCandidates.forPercentile(Long::longValue, P99);
    candidates.offer(0L);
    candidates.offer(-5L);
    candidates.offer(7L);

    assertThat(candidates.from(0)).containsExactly(7L);
    assertThat(candidates.holdAllFrom(1)).isTrue();
  }

  private static TailCandidates<Long> offerAll(List<Long> durations) {
    TailCandidates<Long> candidates = TailCandidates.forPercentile(Long::longValue, P99);
    durations.forEach(candidates::offer);
    return candidates;
  }

  /** The threshold the analyzer takes from the whole distribution ({@link Distributions}). */
  private static long p99(List<Long> durations) {
    Histogram histogram = new Histogram(3);
    durations.forEach(histogram::recordValue);
    return histogram.lowestEquivalentValue(histogram.getValueAtPercentile(P99));
  }

  private static List<Long> atOrAbove(List<Long> durations, long threshold) {
    return durations.stream().filter(d -> d >= threshold && d > 0).collect(Collectors.toList());
  }
}
