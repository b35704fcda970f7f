package dev.wasmlens.agent.it.app;

import com.blogspot.mydailyjava.weaklockfree.WeakConcurrentMap;
import java.io.InputStream;
import java.util.Properties;
import net.bytebuddy.ByteBuddy;

/**
 * An application that carries its own versions of libraries the agent also uses (ByteBuddy,
 * weak-lock-free), uses them, then runs the wasm scenario: {@code ForeignLibrariesApp WASM_DIR}.
 */
public final class ForeignLibrariesApp {
  public static void main(String[] args) throws Exception {
    System.out.println("byte-buddy " + version("net.bytebuddy", "byte-buddy"));
    System.out.println("weak-lock-free " + version("com.blogspot.mydailyjava", "weak-lock-free"));
    Class<?> generated =
        new ByteBuddy()
            .subclass(Object.class)
            .name("app.Generated")
            .make()
            .load(ForeignLibrariesApp.class.getClassLoader())
            .getLoaded();
    System.out.println("generated " + generated.getName() + " with the application's ByteBuddy");
    WeakConcurrentMap<Object, String> map = new WeakConcurrentMap.WithInlinedExpunction<>();
    Object key = new Object();
    map.put(key, "value");
    System.out.println("weak map holds " + map.get(key));
    WasmScenario.main(args);
  }

  private static String version(String group, String artifact) throws Exception {
    String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    try (InputStream in = ForeignLibrariesApp.class.getResourceAsStream(resource)) {
      if (in == null) {
        return "(no " + resource + ")";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    }
  }
}
