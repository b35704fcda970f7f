package dev.wasmlens.analysis;

import dev.wasmlens.analysis.read.ChunkFraming;
import dev.wasmlens.analysis.read.RecordingScan;
import dev.wasmlens.analysis.read.StallGuard;
import dev.wasmlens.analysis.read.TimeWindow;
import dev.wasmlens.analysis.read.WasmOperation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One read of one recording, in the analysis's first pass or its second: announced, with progress,
 * inside the time window, and given up (an {@link IOException}) when it reads no event for the
 * stall limit. Safe to use from several reader threads.
 */
final class RecordingPass {
  private final TimeWindow window;
  private final Duration stallLimit;
  private final Consumer<String> progress;

  /**
   * @param progress told of each read and how far it has come, from the reader threads
   */
  RecordingPass(TimeWindow window, Duration stallLimit, Consumer<String> progress) {
    this.window = window;
    this.stallLimit = stallLimit;
    this.progress = progress;
  }

  /**
   * Reads {@code file} for pass {@code pass} (1 or 2; the first also checks the chunks' framing),
   * handing {@code everyOperation} each operation in the window and keeping those {@code keep}
   * accepts.
   */
  RecordingScan read(
      Path file, int pass, Consumer<WasmOperation> everyOperation, Predicate<WasmOperation> keep)
      throws IOException {
    progress.accept(
        pass == 1
            ? "reading " + file
            : "reading " + file + " again: the first read did not keep its whole tail");
    return StallGuard.run(
        "wasmlens-analyze-reader " + file.getFileName(),
        stallLimit,
        heartbeat -> {
          if (pass == 1) {
            ChunkFraming.check(file, heartbeat);
          }
          return RecordingScan.read(
              file,
              window,
              heartbeat,
              everyOperation,
              keep,
              (events, fraction) ->
                  progress.accept(
                      String.format(
                          "  %s pass %d: %s%.1f million events",
                          file.getFileName(),
                          pass,
                          fraction < 0 ? "" : String.format("%.0f%%, ", 100 * fraction),
                          events / 1e6)),
              RecordingScan.PROGRESS_EVENTS);
        });
  }

  /**
   * One line about why a file could not be read. The JDK's parser throws {@link InternalError} on
   * some corrupt files, so that is described too.
   */
  static String describe(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return "not a readable JFR recording (" + message.lines().findFirst().orElse(message) + ")";
  }
}
