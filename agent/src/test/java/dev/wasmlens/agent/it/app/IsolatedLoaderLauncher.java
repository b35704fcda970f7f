package dev.wasmlens.agent.it.app;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;

/**
 * Runs an application in a class loader whose parent is the platform loader, as application servers
 * and plugin hosts do: {@code IsolatedLoaderLauncher CLASSPATH MAIN_CLASS ARGS...}. Nothing of the
 * application, wasmtime-java included, is visible from the system class loader.
 */
public final class IsolatedLoaderLauncher {
  public static void main(String[] args) throws Exception {
    String[] entries = args[0].split(File.pathSeparator);
    URL[] urls = new URL[entries.length];
    for (int i = 0; i < entries.length; i++) {
      urls[i] = new File(entries[i]).toURI().toURL();
    }
    try (URLClassLoader isolated =
        new URLClassLoader("isolated-app", urls, ClassLoader.getPlatformClassLoader())) {
      Class<?> main = Class.forName(args[1], true, isolated);
      System.err.println(
          "wasmtime-java loaded by "
              + Class.forName("io.github.kawamuray.wasmtime.Engine", false, isolated)
                  .getClassLoader()
                  .getName());
      main.getMethod("main", String[].class)
          .invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
  }
}
