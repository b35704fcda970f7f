package dev.wasmlens.agent.instrumentation;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Build step (Maven, {@code process-classes}): instruments every class of a wasmtime-java jar with
 * {@link ClassInstrumenter} and writes what {@link PretransformedClasses} finds at run time.
 *
 * <pre>{@code java PretransformedClassesWriter wasmtime-java.jar target/classes}</pre>
 */
public final class PretransformedClassesWriter {
  private PretransformedClassesWriter() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: PretransformedClassesWriter <jar> <classes dir>");
    }
    Path jar = Paths.get(args[0]);
    Path out = Files.createDirectories(Paths.get(args[1], PretransformedClasses.RESOURCE_FOLDER));
    int instrumented = 0;
    int untouched = 0;
    try (JarFile classes = new JarFile(jar.toFile());
        URLClassLoader loader =
            new URLClassLoader(
                new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Enumeration<JarEntry> entries = classes.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        String path = entry.getName();
        if (!path.startsWith(WasmtimeTransformer.WASMTIME_PACKAGE) || !path.endsWith(".class")) {
          continue;
        }
        byte[] classFile = classes.getInputStream(entry).readAllBytes();
        String typeName = path.substring(0, path.length() - ".class".length()).replace('/', '.');
        byte[] transformed = ClassInstrumenter.instrument(typeName, loader, classFile, true);
        String name = PretransformedClasses.sha256(classFile);
        if (transformed == null) {
          Files.write(out.resolve(name + ".none"), new byte[0]);
          untouched++;
        } else {
          Files.write(out.resolve(name + ".class"), transformed);
          instrumented++;
        }
      }
    }
    System.out.printf(
        "pretransformed %s: %d classes instrumented, %d untouched%n",
        jar.getFileName(), instrumented, untouched);
  }
}
