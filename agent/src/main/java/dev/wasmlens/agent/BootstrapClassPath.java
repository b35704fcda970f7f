package dev.wasmlens.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the classes under {@code dev/wasmlens/agent/bootstrap/} on the bootstrap class path, so that
 * advice inlined into wasmtime-java can reach them from any class loader.
 *
 * <p>Only that package goes there: ByteBuddy and the installer stay in the system class loader,
 * relocated. The classes are copied from the agent jar into a temporary jar, deleted at exit,
 * because {@link Instrumentation#appendToBootstrapClassLoaderSearch} takes whole jars.
 */
final class BootstrapClassPath {
  static final String BOOTSTRAP_PACKAGE_PATH = "dev/wasmlens/agent/bootstrap/";

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
    Path bootstrapJar = Files.createTempFile("wasmlens-bootstrap-", ".jar");
    bootstrapJar.toFile().deleteOnExit();
    try (JarFile source = new JarFile(agentJar.toFile());
        JarOutputStream target = new JarOutputStream(Files.newOutputStream(bootstrapJar))) {
      Enumeration<JarEntry> entries = source.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        if (entry.getName().startsWith(BOOTSTRAP_PACKAGE_PATH)) {
          target.putNextEntry(new JarEntry(entry.getName()));
          try (InputStream in = source.getInputStream(entry)) {
            in.transferTo(target);
          }
          target.closeEntry();
        }
      }
    }
    instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(bootstrapJar.toFile()));
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
