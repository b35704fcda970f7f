package dev.wasmlens.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The recordings a command line names: files as given, folders searched for {@code *.jfr}. */
final class RecordingFiles {
  private RecordingFiles() {}

  /**
   * The recordings among {@code inputs}, folders' in name order; an input that is missing,
   * unreadable or a folder without recordings adds one line to {@code problems}.
   */
  static List<Path> find(List<Path> inputs, List<String> problems) {
    List<Path> files = new ArrayList<>();
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        try (Stream<Path> found = Files.walk(input)) {
          List<Path> jfr =
              found
                  .filter(p -> p.toString().endsWith(".jfr"))
                  .sorted()
                  .collect(Collectors.toList());
          if (jfr.isEmpty()) {
            problems.add(input + ": no .jfr files in this folder");
          }
          files.addAll(jfr);
        } catch (IOException e) {
          problems.add(input + ": cannot list the folder (" + e.getMessage() + ")");
        }
      } else if (!Files.isReadable(input)) {
        problems.add(input + ": no such file, or not readable");
      } else {
        files.add(input);
      }
    }
    return files;
  }
}
