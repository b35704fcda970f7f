package dev.wasmlens.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlens.analysis.read.ChunkFraming;
import dev.wasmlens.analysis.read.Heartbeat;
import dev.wasmlens.analysis.read.TimeWindow;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged recordings: the analyzer never throws and never hangs; it analyzes a file or says in one
 * line why it cannot, within a bound. The seed is printed; {@code -Dwasmlens.fuzz.seed=N} makes the
 * same damages again (to a base recording written anew, so a failing mutant is also kept in {@link
 * #FAILURES}).
 */
class FuzzedRecordingsTest {
  private static final int MUTANTS_PER_KIND = 100;
  private static final long DEFAULT_SEED = 20261201L;

  /**
   * The stall limit of these runs: far above a read of the small base recording, so that a healthy
   * read never trips it, and short enough to keep the test short if one does.
   */
  private static final Duration STALL_LIMIT = Duration.ofSeconds(10);

  /** A mutant may take this many times the original's analysis, on top of the stall limits. */
  private static final int SLOWDOWN_ALLOWED = 50;

  /** A child JVM still reading after this long, and this many times the good file's read, hangs. */
  private static final long HANG_MILLIS = 3_000;

  private static final int HANG_FACTOR = 5;

  /** Where a mutant that fails is kept, for a look and a run of its own. */
  private static final Path FAILURES = Path.of("target", "fuzz-failures");

  @TempDir Path work;

  @Test
  void everyMutantGivesAnAnalysisOrOneProblemLineWithinABound() throws Exception {
    long seed = Long.getLong("wasmlens.fuzz.seed", DEFAULT_SEED);
    System.out.println("FuzzedRecordingsTest seed " + seed + " (-Dwasmlens.fuzz.seed to repeat)");
    byte[] original =
        Files.readAllBytes(SyntheticRecording.write(work.resolve("original.jfr"), 40));
    Path originalFile = Files.write(work.resolve("baseline.jfr"), original);
    analyze(originalFile); // warms the parser up before the baseline is taken
    long baselineNanos = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      assertThat(analyze(originalFile).problems()).isEmpty();
      baselineNanos = Math.min(baselineNanos, System.nanoTime() - start);
    }
    // Two passes, each of which may run up to the stall limit before it is given up.
    long boundNanos = 2 * STALL_LIMIT.toNanos() + SLOWDOWN_ALLOWED * 2 * baselineNanos;

    Random random = new Random(seed);
    Map<Mutation, int[]> outcomes = new EnumMap<>(Mutation.class);
    long longestNanos = 0;
    long started = System.nanoTime();
    for (int i = 0; i < MUTANTS_PER_KIND * Mutation.values().length; i++) {
      Mutation kind = Mutation.values()[i % Mutation.values().length];
      Path file =
          Files.write(
              work.resolve("mutant-" + i + "-" + kind + ".jfr"), kind.apply(original, random));
      long start = System.nanoTime();
      Outcome outcome = analyze(file);
      long nanos = System.nanoTime() - start;
      longestNanos = Math.max(longestNanos, nanos);
      try {
        check(file, outcome, nanos, boundNanos);
      } catch (AssertionError e) {
        // The base recording is written anew each run, so the seed alone does not make it again.
        Path kept = Files.createDirectories(FAILURES).resolve(file.getFileName());
        Files.copy(file, kept, StandardCopyOption.REPLACE_EXISTING);
        throw new AssertionError(
            "seed " + seed + ", mutant kept as " + kept + ": " + e.getMessage(), e);
      }
      int column = outcome.problems().isEmpty() ? 0 : outcome.stalled() ? 2 : 1;
      outcomes.computeIfAbsent(kind, k -> new int[3])[column]++;
      Files.delete(file);
    }
    System.out.printf(
        "%d mutants in %.1f s (baseline %.1f ms, longest %.1f ms, bound %.1f s)%n",
        MUTANTS_PER_KIND * Mutation.values().length,
        (System.nanoTime() - started) / 1e9,
        baselineNanos / 1e6,
        longestNanos / 1e6,
        boundNanos / 1e9);
    outcomes.forEach(
        (kind, counts) ->
            System.out.printf(
                "  %-16s analyzed %3d, rejected in one line %3d, given up as stalled %d%n",
                kind, counts[0], counts[1], counts[2]));
    for (Mutation kind : List.of(Mutation.TRUNCATION, Mutation.EMPTY, Mutation.ONE_BYTE)) {
      assertThat(outcomes.get(kind)[1]).as("%s mutants rejected", kind).isPositive();
    }
    assertThat(outcomes.get(Mutation.CONCATENATED)[0]).as("concatenations analyzed").isPositive();
  }

  @Test
  void aFileThatHangsTheJdksParserIsOneProblemLineAndTheOthersAreAnalyzed() throws Exception {
    // 400 calls: enough events between the metadata and the constant pools for a block to hit.
    Path good = SyntheticRecording.write(work.resolve("good.jfr"), 400);
    byte[] original = Files.readAllBytes(good);
    Duration usual = readAllTime(good);
    Path hanging = mutantThatHangsTheParser(original, usual);
    assertThat(hanging).as("a mutant that hangs the JDK's parser").isNotNull();

    long start = System.nanoTime();
    List<String> problems = new ArrayList<>();
    List<Analysis> services =
        new Analyzer(99, -1).analyze(List.of(hanging, good), problems, line -> {});

    assertThat(problems)
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith(
                        hanging
                            + ": not a readable JFR recording (chunk 1 (at byte 0) has an event at byte ")
                    .contains(" of size -"));
    assertThat(services)
        .singleElement()
        .satisfies(a -> assertThat(a.files()).containsExactly(good.toString()));
    // Rejected by the framing check, long before the stall limit.
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(Analyzer.DEFAULT_STALL_LIMIT);
  }

  @Test
  void aReadThatMakesNoProgressIsGivenUpAfterTheStallLimit() throws Exception {
    Path good = SyntheticRecording.write(work.resolve("good.jfr"), 20);
    // Opening a named pipe without a writer blocks in the kernel, as uninterruptible as a parser
    // spinning in JDK code: the framing check cannot see it, only the stall limit can.
    Path pipe = work.resolve("pipe.jfr");
    assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
    Duration stallLimit = Duration.ofMillis(500);
    try {
      List<String> problems = new ArrayList<>();
      List<Analysis> services =
          new Analyzer(99, -1, TimeWindow.ALL, stallLimit)
              .analyze(List.of(pipe, good), problems, line -> {});

      assertThat(problems)
          .containsExactly(
              pipe
                  + ": not a readable JFR recording (no progress for 0.5 s after 0 events: the"
                  + " read is stuck (corrupt data the JDK's parser loops on, or a file that"
                  + " delivers no bytes))");
      assertThat(services)
          .singleElement()
          .satisfies(a -> assertThat(a.files()).containsExactly(good.toString()));
    } finally {
      // Lets the abandoned reader's open return, read nothing and end.
      Files.newOutputStream(pipe).close();
    }
  }

  @Test
  void aChunkSizeOfZeroIsOneProblemLine() throws Exception {
    byte[] bytes = Files.readAllBytes(SyntheticRecording.write(work.resolve("good.jfr"), 20));
    ByteBuffer.wrap(bytes).putLong(8, 0);
    Path corrupt = Files.write(work.resolve("size-zero.jfr"), bytes);

    List<String> problems = new ArrayList<>();
    new Analyzer(99, -1).analyze(List.of(corrupt), problems, line -> {});

    assertThat(problems)
        .containsExactly(
            corrupt
                + ": not a readable JFR recording (chunk 1 (at byte 0) has a chunk size of 0 bytes)");
  }

  /**
   * 64 bytes of 0xff over a random place, until one lands on an event's size (it reads -1) and the
   * JDK's own tool, on that file, is still busy long after it printed the good file; null when none
   * does in 200 tries.
   */
  private Path mutantThatHangsTheParser(byte[] original, Duration usual) throws Exception {
    Random random = new Random(DEFAULT_SEED);
    for (int tries = 0; tries < 200; tries++) {
      Path candidate =
          Files.write(
              work.resolve("ff-" + tries + ".jfr"), Mutation.FF_BLOCK.apply(original, random));
      try {
        ChunkFraming.check(candidate, new Heartbeat());
      } catch (IOException e) {
        if (e.getMessage().contains(" of size -") && readAllHangs(candidate, usual)) {
          return candidate;
        }
      }
    }
    return null;
  }

  /** Reads a recording to its end with the JDK's parser: a child JVM's whole life. */
  public static final class ReadAll {
    public static void main(String[] args) throws IOException {
      try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
        while (recording.hasMoreEvents()) {
          recording.readEvent();
        }
      }
    }
  }

  private static Duration readAllTime(Path file) throws Exception {
    long start = System.nanoTime();
    Process reader = readAll(file);
    assertThat(reader.waitFor()).isZero();
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Whether the JDK's parser is still reading {@code file} long after {@code usual}. */
  private static boolean readAllHangs(Path file, Duration usual) throws Exception {
    Process reader = readAll(file);
    // A slow reader taken for a hung one would only pick a file the framing check rejects anyway.
    boolean ended =
        reader.waitFor(
            Math.max(HANG_MILLIS, HANG_FACTOR * usual.toMillis()), TimeUnit.MILLISECONDS);
    reader.destroyForcibly().waitFor();
    return !ended;
  }

  private static Process readAll(Path file) throws IOException {
    return ChildJvm.start(ReadAll.class, List.of(), file.toString());
  }

  /** A report of this one file, or one problem line about it; within {@code boundNanos}. */
  private static void check(Path file, Outcome outcome, long nanos, long boundNanos) {
    assertThat(nanos).as("analysis time of %s", file.getFileName()).isLessThan(boundNanos);
    if (outcome.problems().isEmpty()) {
      assertThat(outcome.services())
          .singleElement()
          .satisfies(a -> assertThat(a.files()).containsExactly(file.toString()));
    } else {
      assertThat(outcome.problems())
          .singleElement()
          .satisfies(
              p ->
                  assertThat(p)
                      .startsWith(file + ": ")
                      .doesNotContain("\n")
                      .doesNotContain("\tat "));
    }
  }

  private static Outcome analyze(Path file) {
    List<String> problems = new ArrayList<>();
    List<Analysis> services =
        new Analyzer(99, -1, TimeWindow.ALL, STALL_LIMIT).analyze(List.of(file), problems, l -> {});
    return new Outcome(services, problems);
  }

  private record Outcome(List<Analysis> services, List<String> problems) {
    boolean stalled() {
      return problems.stream().anyMatch(p -> p.contains("no progress for"));
    }
  }
}
