package dev.wasmlens.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Puts the classes under {@code dev/wasmlens/agent/bootstrap/} on the bootstrap class path, so that
 * advice inlined into wasmtime-java can reach them from any class loader.
 *
 * <p>Only that package goes there: ByteBuddy and the installer stay in the system class loader,
 * relocated. {@link Instrumentation#appendToBootstrapClassLoaderSearch} takes whole jars, so the
 * build nests the package in the agent jar as a jar of its own, which is written out whole into a
 * temporary file, deleted at exit.
 */
final class BootstrapClassPath {
  static final String BOOTSTRAP_PACKAGE_PATH = "dev/wasmlens/agent/bootstrap/";

  /**
   * The bootstrap package as one uncompressed jar inside the agent jar (and the extension's),
   * written there by the build ({@link BootstrapJarWriter}).
   */
  static final String NESTED_BOOTSTRAP_JAR = "META-INF/wasmlens/bootstrap.jar";

  private BootstrapClassPath() {}

  /**
   * Appends the bootstrap package to the bootstrap class path. Must run before any class of that
   * package is loaded, or the system class loader would define a second copy.
   */
  static void append(Instrumentation instrumentation) throws IOException {
    append(instrumentation, agentJar());
  }

  /** Appends the bootstrap package that {@code agentJar} holds to the bootstrap class path. */
  static void append(Instrumentation instrumentation, Path agentJar) throws IOException {
    Path bootstrapJar = newTemporaryJar();
    bootstrapJar.toFile().deleteOnExit();
    try (JarFile source = new JarFile(agentJar.toFile())) {
      JarEntry nested = source.getJarEntry(NESTED_BOOTSTRAP_JAR);
      if (nested == null) {
        throw new IOException(
            agentJar + " holds no " + NESTED_BOOTSTRAP_JAR + ": build it with the project's build");
      }
      try (InputStream in = source.getInputStream(nested);
          OutputStream out = Files.newOutputStream(bootstrapJar, StandardOpenOption.APPEND)) {
        in.transferTo(out);
      }
    }
    instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(bootstrapJar.toFile()));
  }

  /**
   * A new, empty file for the bootstrap jar, in the temporary folder. Named after the process and
   * the clock rather than by {@link Files#createTempFile}, whose random name costs a {@code
   * SecureRandom} (about 30 ms in a JVM that has just started); made with {@code CREATE_NEW}, so a
   * file or link already there is never written to or followed.
   */
  private static Path newTemporaryJar() throws IOException {
    Path folder = Paths.get(System.getProperty("java.io.tmpdir"));
    String prefix = "wasmlens-bootstrap-" + ProcessHandle.current().pid() + "-";
    for (int attempt = 0; ; attempt++) {
      Path file = folder.resolve(prefix + System.nanoTime() + ".jar");
      try {
        return Files.createFile(file);
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 10) {
          throw e;
        }
      }
    }
  }

  static Path agentJar() throws IOException {
    try {
      File file =
          new File(WasmLensAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!file.isFile()) {
        throw new IOException("the agent was not loaded from a jar but from " + file);
      }
      return file.toPath();
    } catch (URISyntaxException | RuntimeException e) {
      throw new IOException("cannot locate the agent jar: " + e, e);
    }
  }
}
