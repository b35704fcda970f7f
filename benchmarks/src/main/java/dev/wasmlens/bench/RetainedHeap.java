package dev.wasmlens.bench;

import dev.wasmlens.demo.guest.ChecksumInstance;
import dev.wasmlens.demo.guest.GuestBinaries;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Module;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The child of {@link RetainedHeapCommand}: calls from several threads, then creates and disposes
 * of many stores and instances, and after each stage prints the heap still used after full
 * collections: {@code stage heapBytes}.
 */
@Command(name = "retained-heap", hidden = true)
final class RetainedHeap implements Callable<Integer> {
  @Option(names = "--threads")
  int threads = 4;

  @Option(names = "--calls", description = "Calls in all, over the threads.")
  int calls = 1_000_000;

  @Option(names = "--stores", description = "Stores and instances created and disposed of.")
  int stores = 100_000;

  @Override
  public Integer call() throws Exception {
    try (Engine engine = new Engine();
        Module module = new Module(engine, GuestBinaries.read(GuestBinaries.CHECKSUM))) {
      report("start");
      for (int quarter = 1; quarter <= 4; quarter++) {
        callFromThreads(engine, module, calls / 4);
        report("calls-" + quarter * calls / 4);
      }
      for (int half = 1; half <= 2; half++) {
        for (int i = 0; i < stores / 2; i++) {
          try (ChecksumInstance instance = new ChecksumInstance(engine, module)) {
            instance.checksum(1);
          }
        }
        report("stores-" + half * stores / 2);
      }
    }
    return 0;
  }

  private void callFromThreads(Engine engine, Module module, int total)
      throws InterruptedException {
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(
          new Thread(
              () -> {
                try (ChecksumInstance instance = new ChecksumInstance(engine, module)) {
                  for (int i = 0; i < total / threads; i++) {
                    instance.checksum(16);
                  }
                }
              }));
    }
    workers.forEach(Thread::start);
    for (Thread worker : workers) {
      worker.join();
    }
  }

  private static void report(String stage) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.println(stage + " " + used);
    System.out.flush();
  }
}
