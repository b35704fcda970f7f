package dev.wasmlens.bench;

import dev.wasmlens.bench.jmh.TrivialCallBenchmark;
import dev.wasmlens.demo.guest.ChecksumInstance;
import dev.wasmlens.demo.guest.GuestBinaries;
import dev.wasmlens.demo.guest.Wat2Wasm;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The child of {@link PhaseCostCommand}: times each phase the agent records, after a warm-up, in
 * batches, and prints one line per measure, {@code measure nanosPerOperation}, the median of its
 * batches. Measures: {@code trivial} and {@code realistic} calls ({@code Func.call} of an export
 * that returns its argument, and of the checksum guest's loop, which calls a host function once);
 * {@code compile} (the checksum guest); {@code instantiate} (a new store and an instance of a
 * module without imports); {@code teardown} (closing that instance and store).
 */
@Command(name = "phase-loop", hidden = true)
final class PhaseLoop implements Callable<Integer> {
  @Option(names = "--trivial-calls", description = "Calls per batch of the trivial export.")
  int trivialCalls = 20_000;

  @Option(names = "--realistic-calls", description = "Calls per batch of the realistic export.")
  int realisticCalls = 2_000;

  @Option(names = "--realistic-iterations", description = "Loop iterations of a realistic call.")
  int iterations = 2_000;

  @Option(names = "--compiles", description = "Compiles per batch.")
  int compiles = 20;

  @Option(names = "--instances", description = "Instantiations (and teardowns) per batch.")
  int instances = 500;

  @Option(names = "--batches", description = "Timed batches after as many of warm-up.")
  int batches = 10;

  @Override
  public Integer call() throws Exception {
    try (Engine engine = new Engine();
        Wat2Wasm wat2wasm = new Wat2Wasm(engine);
        Module identityModule =
            new Module(engine, wat2wasm.convert(TrivialCallBenchmark.IDENTITY_WAT));
        Store<Void> store = new Store<>(null, engine);
        Instance instance = new Instance(store, identityModule, List.of());
        Module checksumModule = new Module(engine, GuestBinaries.read(GuestBinaries.CHECKSUM));
        ChecksumInstance checksum = new ChecksumInstance(engine, checksumModule)) {
      Func identity = instance.getFunc(store, "identity").get();
      Val[] argument = {Val.fromI32(7)};
      System.out.printf(
          "trivial %.1f%n",
          median(
              () -> {
                int sink = 0;
                for (int i = 0; i < trivialCalls; i++) {
                  sink += identity.call(store, argument)[0].i32();
                }
                return sink;
              },
              trivialCalls));
      System.out.printf(
          "realistic %.1f%n",
          median(
              () -> {
                int sink = 0;
                for (int i = 0; i < realisticCalls; i++) {
                  sink += checksum.checksum(iterations);
                }
                return sink;
              },
              realisticCalls));
      identity.close();
      byte[] checksumBinary = GuestBinaries.read(GuestBinaries.CHECKSUM);
      System.out.printf(
          "compile %.1f%n",
          median(
              () -> {
                int sink = 0;
                for (int i = 0; i < compiles; i++) {
                  try (Module module = new Module(engine, checksumBinary)) {
                    sink += module.hashCode();
                  }
                }
                return sink;
              },
              compiles));
      printInstantiateAndTeardown(engine, identityModule);
    }
    return 0;
  }

  /**
   * Times making {@link #instances} stores with an instance each, then closing them, in the same
   * batches: two measures whose warm-up and batches run together.
   */
  private void printInstantiateAndTeardown(Engine engine, Module module) {
    List<Double> instantiate = new ArrayList<>();
    List<Double> teardown = new ArrayList<>();
    List<Store<Void>> stores = new ArrayList<>(instances);
    List<Instance> made = new ArrayList<>(instances);
    for (int batch = 0; batch < 2 * batches; batch++) {
      long start = System.nanoTime();
      for (int i = 0; i < instances; i++) {
        Store<Void> store = new Store<>(null, engine);
        stores.add(store);
        made.add(new Instance(store, module, List.of()));
      }
      long madeNanos = System.nanoTime();
      for (int i = 0; i < instances; i++) {
        made.get(i).close();
        stores.get(i).close();
      }
      long closed = System.nanoTime();
      stores.clear();
      made.clear();
      if (batch >= batches) {
        instantiate.add((double) (madeNanos - start) / instances);
        teardown.add((double) (closed - madeNanos) / instances);
      }
    }
    System.out.printf("instantiate %.1f%n", Stats.of(instantiate).median());
    System.out.printf("teardown %.1f%n", Stats.of(teardown).median());
  }

  /** Runs {@code batch} as warm-up, then timed: the median nanoseconds per call of the timed. */
  private double median(Callable<Integer> batch, int calls) throws Exception {
    int sink = 0;
    for (int i = 0; i < batches; i++) {
      sink += batch.call();
    }
    List<Double> perCall = new ArrayList<>();
    for (int i = 0; i < batches; i++) {
      long start = System.nanoTime();
      sink += batch.call();
      perCall.add((double) (System.nanoTime() - start) / calls);
    }
    if (sink == 42) {
      System.err.println("(keeps the results alive)");
    }
    return Stats.of(perCall).median();
  }
}
