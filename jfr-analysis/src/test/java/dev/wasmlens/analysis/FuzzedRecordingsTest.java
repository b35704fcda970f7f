package dev.wasmlens.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated recordings: the analyzer never throws; it analyzes a file or says in one line why it
 * cannot.
 */
class FuzzedRecordingsTest {
  private static final int MUTANTS = 150;
  private static final long SEED = 20261127L;

  @TempDir Path work;

  @Test
  void mutatedRecordingsGiveAnAnalysisOrOneProblemLineNeverAnException() throws Exception {
    byte[] original =
        Files.readAllBytes(SyntheticRecording.write(work.resolve("original.jfr"), 100));
    Random random = new Random(SEED);
    int analyzed = 0;
    int rejected = 0;
    for (int i = 0; i < MUTANTS; i++) {
      byte[] mutant = mutate(original, random);
      Path file = Files.write(work.resolve("mutant-" + i + ".jfr"), mutant);
      List<String> problems = new ArrayList<>();
      List<Analysis> services = new Analyzer(99, -1).analyze(List.of(file), problems, line -> {});
      if (problems.isEmpty()) {
        analyzed++;
        assertThat(services).singleElement().satisfies(a -> assertThat(a.files()).hasSize(1));
      } else {
        rejected++;
        assertThat(problems)
            .allSatisfy(p -> assertThat(p).startsWith(file.toString()).doesNotContain("\n"));
      }
      Files.delete(file);
    }
    assertThat(analyzed + rejected).isEqualTo(MUTANTS);
    assertThat(rejected).as("mutants that were rejected").isPositive();
  }

  /** Flips bytes, cuts the file short, or overwrites a run of it with zeros or noise. */
  private static byte[] mutate(byte[] original, Random random) {
    byte[] mutant = original.clone();
    switch (random.nextInt(3)) {
      case 0:
        for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
          mutant[random.nextInt(mutant.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return mutant;
      case 1:
        return Arrays.copyOf(mutant, random.nextInt(mutant.length));
      default:
        int start = random.nextInt(mutant.length);
        int length = Math.min(mutant.length - start, 1 + random.nextInt(256));
        for (int j = start; j < start + length; j++) {
          mutant[j] = random.nextBoolean() ? 0 : (byte) random.nextInt(256);
        }
        return mutant;
    }
  }
}
