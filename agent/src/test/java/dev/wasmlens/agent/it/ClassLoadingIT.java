package dev.wasmlens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlens.agent.it.app.IsolatedLoaderLauncher;
import dev.wasmlens.agent.it.app.WasmScenario;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** wasmtime-java loaded where applications really put it: an isolated class loader, a fat jar. */
class ClassLoadingIT {
  private static final int SCENARIO_CALLS = 109;

  @Test
  void recordsWhenWasmtimeLivesInAnIsolatedClassLoader() throws Exception {
    Path testClasses = Paths.get(ChildJvm.APP_CLASSPATH.split(File.pathSeparator)[0]);
    Path recording = ChildJvm.recordingFile("isolated");
    ChildJvm.Result result =
        ChildJvm.app(
                IsolatedLoaderLauncher.class.getName(),
                ChildJvm.APP_CLASSPATH,
                WasmScenario.class.getName(),
                ChildJvm.WASM_DIR.toString())
            .classpath(testClasses.toString())
            .withAgent("jfr.file=" + recording + ",debug=true")
            .run("isolated-loader");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stderr())
        .contains("wasmtime-java loaded by isolated-app")
        .contains("instrumented io/github/kawamuray/wasmtime/Func in java.net.URLClassLoader");
    assertThat(result.stdout()).contains("done");
    assertThat(result.suppressedFailures()).isZero();
    assertThat(WasmEvents.read(recording).named(WasmEvents.CALL)).hasSize(SCENARIO_CALLS);
  }

  @Test
  void recordsInAFatJar() throws Exception {
    Path fatJar = buildFatJar();
    Path recording = ChildJvm.recordingFile("fat-jar");
    ChildJvm.Result result =
        ChildJvm.jar(fatJar, ChildJvm.WASM_DIR.toString())
            .withAgent("jfr.file=" + recording)
            .run("fat-jar");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("done");
    assertThat(result.suppressedFailures()).isZero();
    WasmEvents events = WasmEvents.read(recording);
    assertThat(events.named(WasmEvents.CALL)).hasSize(SCENARIO_CALLS);
    assertThat(events.named(WasmEvents.COMPILE))
        .hasSize(WasmScenario.PHASES.get("wasm compile").intValue());
  }

  /** One jar holding the scenario's classes and every library it needs, with a Main-Class. */
  private static Path buildFatJar() throws IOException {
    Path jar = ChildJvm.WORK_DIR.resolve("scenario-fat.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, WasmScenario.class.getName());
    Set<String> written = new HashSet<>();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      written.add("META-INF/MANIFEST.MF");
      for (String entry : ChildJvm.APP_CLASSPATH.split(File.pathSeparator)) {
        Path path = Paths.get(entry);
        if (Files.isDirectory(path)) {
          try (Stream<Path> files = Files.walk(path)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
              String name = path.relativize(file).toString().replace(File.separatorChar, '/');
              if (name.startsWith("dev/wasmlens/agent/it/app/") && written.add(name)) {
                out.putNextEntry(new JarEntry(name));
                Files.copy(file, out);
                out.closeEntry();
              }
            }
          }
        } else {
          try (JarFile library = new JarFile(path.toFile())) {
            for (JarEntry entryInJar : (Iterable<JarEntry>) library.stream()::iterator) {
              String name = entryInJar.getName();
              if (!entryInJar.isDirectory() && !name.startsWith("META-INF/") && written.add(name)) {
                out.putNextEntry(new JarEntry(name));
                try (InputStream in = library.getInputStream(entryInJar)) {
                  in.transferTo(out);
                }
                out.closeEntry();
              }
            }
          }
        }
      }
    }
    return jar;
  }
}
