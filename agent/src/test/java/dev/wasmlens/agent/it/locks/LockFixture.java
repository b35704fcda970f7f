package dev.wasmlens.agent.it.locks;

import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.FuncType;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Linker;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The native handles of one row, made fresh so no row sees another's locks: an engine with a store
 * the holder uses ({@link #store}) and one it does not ({@link #otherStore}), the probe module
 * {@code locks.wasm} and {@code add.wasm} compiled on it, instances of the probe in both stores, a
 * linker per store with {@code env.hold} defined, and a second engine. Nothing is disposed at the
 * end: rows dispose handles themselves, and the probe's JVM ends after the last row.
 *
 * <p>Not thread-safe to build; its handles are then shared by the holder and the probing thread,
 * which is the point.
 */
public final class LockFixture {
  static final byte[] PROBE_MODULE = resource("/wasm/locks.wasm");
  static final byte[] ADD_MODULE = resource("/wasm/add.wasm");

  final HoldGate gate = new HoldGate();
  final Engine engine = new Engine();
  final Engine otherEngine = new Engine();
  final Module module = new Module(engine, PROBE_MODULE);
  final Module addModule = new Module(engine, ADD_MODULE);
  final Store<Void> store = new Store<>(null, engine);
  final Store<Void> otherStore = new Store<>(null, engine);
  final Func hostOfStore = hostHold(store);
  final Func hostOfOtherStore = hostHold(otherStore);
  final Instance instance = new Instance(store, module, List.of(Extern.fromFunc(hostOfStore)));
  final Instance sibling = new Instance(store, module, List.of(Extern.fromFunc(hostOfStore)));
  final Instance otherInstance =
      new Instance(otherStore, module, List.of(Extern.fromFunc(hostOfOtherStore)));
  final Func held = instance.getFunc(store, "hold").get();
  final Func siblingPing = sibling.getFunc(store, "ping").get();
  final Func otherPing = otherInstance.getFunc(otherStore, "ping").get();
  final Linker linker = linkerFor(store, hostOfStore);
  final Linker otherLinker = linkerFor(otherStore, hostOfOtherStore);
  final Path fifo;

  LockFixture(Path fifo) {
    this.fifo = fifo;
  }

  /** The probe module's imports for {@code target}: that store's own {@code env.hold}. */
  List<Extern> importsOf(Store<Void> target) {
    return List.of(Extern.fromFunc(target == store ? hostOfStore : hostOfOtherStore));
  }

  private Func hostHold(Store<Void> target) {
    return new Func(target, FuncType.empty(), (caller, params, results) -> gate.onHostCall());
  }

  private Linker linkerFor(Store<Void> target, Func host) {
    Linker made = new Linker(engine);
    made.define(target, "env", "hold", Extern.fromFunc(host));
    return made;
  }

  private static byte[] resource(String name) {
    try (InputStream in = LockFixture.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh named pipe in {@code dir}, for a compile that reads its module from it. */
  static Path newFifo(Path dir, int index) throws IOException, InterruptedException {
    Path path = dir.resolve("module-" + index + ".fifo");
    Files.deleteIfExists(path);
    Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    if (mkfifo.waitFor() != 0) {
      throw new IOException("mkfifo " + path + " failed");
    }
    return path;
  }
}
