package dev.wasmlens.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Enumeration;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

/**
 * Build step (Maven, {@code package}, after the agent and extension jars are shaded): writes the
 * bootstrap package of each jar as one uncompressed jar inside it ({@link
 * BootstrapClassPath#NESTED_BOOTSTRAP_JAR}), which the agent writes out whole at start instead of
 * copying its classes one by one (in a JVM that has just started, the copy cost about 70-90 ms).
 *
 * <pre>{@code java BootstrapJarWriter wasmlens-agent.jar wasmlens-otel-extension.jar}</pre>
 */
public final class BootstrapJarWriter {
  private BootstrapJarWriter() {}

  public static void main(String[] args) throws IOException {
    for (String jar : args) {
      int classes = nest(Paths.get(jar));
      System.out.printf(
          "nested the bootstrap package of %s: %d entries%n",
          Paths.get(jar).getFileName(), classes);
    }
  }

  /** Adds the nested bootstrap jar to {@code jar}; returns how many entries it holds. */
  private static int nest(Path jar) throws IOException {
    ByteArrayOutputStream nested = new ByteArrayOutputStream();
    int entries = 0;
    try (JarFile source = new JarFile(jar.toFile());
        JarOutputStream target = new JarOutputStream(nested)) {
      Enumeration<JarEntry> all = source.entries();
      while (all.hasMoreElements()) {
        JarEntry entry = all.nextElement();
        if (!entry.getName().startsWith(BootstrapClassPath.BOOTSTRAP_PACKAGE_PATH)
            || entry.isDirectory()) {
          continue;
        }
        byte[] bytes = source.getInputStream(entry).readAllBytes();
        // Stored, not deflated: the bootstrap class loader then reads each class without inflating.
        ZipEntry stored = new ZipEntry(entry.getName());
        stored.setMethod(ZipEntry.STORED);
        stored.setSize(bytes.length);
        stored.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        stored.setCrc(crc.getValue());
        target.putNextEntry(stored);
        target.write(bytes);
        target.closeEntry();
        entries++;
      }
    }
    if (entries == 0) {
      throw new IOException(jar + " holds no " + BootstrapClassPath.BOOTSTRAP_PACKAGE_PATH);
    }
    try (FileSystem zip =
        FileSystems.newFileSystem(
            URI.create("jar:" + jar.toUri()), Map.of("noCompression", "true"))) {
      Path inside = zip.getPath(BootstrapClassPath.NESTED_BOOTSTRAP_JAR);
      Files.createDirectories(inside.getParent());
      Files.write(inside, nested.toByteArray());
    }
    return entries;
  }
}
