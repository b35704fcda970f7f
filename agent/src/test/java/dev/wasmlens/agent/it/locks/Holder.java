package dev.wasmlens.agent.it.locks;

import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Module;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How thread A is kept inside an operation for as long as the probe wants, on the fixture's {@link
 * LockFixture#store}, {@link LockFixture#module}, {@link LockFixture#linker} and {@link
 * LockFixture#engine}.
 */
public enum Holder {
  /** {@code Func.call} of the export {@code hold}, parked in the host import it calls. */
  CALL("a call parked in a host function") {
    @Override
    Hold begin(LockFixture f, Runnable inside) {
      return new GateHold(f.gate, () -> f.held.call(f.store), inside);
    }
  },
  /** {@code new Instance}, parked in the host import the start function calls. */
  INSTANTIATE("an instantiation parked in its start function") {
    @Override
    Hold begin(LockFixture f, Runnable inside) {
      return new GateHold(
          f.gate, () -> new Instance(f.store, f.module, f.importsOf(f.store)), inside);
    }
  },
  /** {@code Linker.module}, parked in the host import the start function calls. */
  LINKER_MODULE("a Linker.module parked in its start function") {
    @Override
    Hold begin(LockFixture f, Runnable inside) {
      return new GateHold(f.gate, () -> f.linker.module(f.store, "probe", f.module), inside);
    }
  },
  /**
   * {@code Module.fromFile} of a named pipe: the binding takes the engine before it reads the file,
   * and the read blocks until the probe writes {@code add.wasm} into the pipe.
   */
  COMPILE("a compile reading its module from a pipe") {
    @Override
    Hold begin(LockFixture f, Runnable inside) {
      return new PipeHold(f);
    }
  };

  private final String description;

  Holder(String description) {
    this.description = description;
  }

  /** Starts thread A in the operation; {@code inside} runs on A while it is parked, if it can. */
  abstract Hold begin(LockFixture fixture, Runnable inside);

  @Override
  public String toString() {
    return description;
  }

  /** Thread A inside its operation. */
  interface Hold {
    /** Whether A holds what its operation holds within {@code timeout}. */
    boolean awaitEntered(Duration timeout) throws InterruptedException;

    /** Lets A's operation run to its end. */
    void release();

    /** Whether A's operation ended within {@code timeout}. */
    boolean awaitEnd(Duration timeout) throws InterruptedException;
  }

  /** Parks A in {@code env.hold} through the fixture's gate. */
  private static final class GateHold implements Hold {
    private final HoldGate gate;
    private final Thread thread;

    GateHold(HoldGate gate, Runnable operation, Runnable inside) {
      this.gate = gate;
      this.thread = new Thread(operation, "lock-holder");
      // A deadlocking row leaves this thread inside native code for good: it must not keep the JVM.
      thread.setDaemon(true);
      gate.arm(thread, inside);
      thread.start();
    }

    @Override
    public boolean awaitEntered(Duration timeout) throws InterruptedException {
      return gate.awaitEntered(timeout);
    }

    @Override
    public void release() {
      gate.release();
    }

    @Override
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
      thread.join(timeout.toMillis());
      return !thread.isAlive();
    }
  }

  /**
   * Compiles from a named pipe: opening the pipe for writing returns once A has opened it for
   * reading, which it does only after taking the engine; writing the module and closing lets the
   * compile finish.
   */
  private static final class PipeHold implements Hold {
    private final CompletableFuture<Module> compile;
    private final CompletableFuture<OutputStream> writer;

    PipeHold(LockFixture f) {
      compile =
          CompletableFuture.supplyAsync(
              () -> Module.fromFile(f.engine, f.fifo.toString()), daemon("lock-holder"));
      writer =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return new FileOutputStream(f.fifo.toFile());
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              },
              daemon("pipe-writer"));
    }

    @Override
    public boolean awaitEntered(Duration timeout) throws InterruptedException {
      try {
        writer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return true;
      } catch (TimeoutException | ExecutionException e) {
        return false;
      }
    }

    @Override
    public void release() {
      try (OutputStream out = writer.join()) {
        out.write(LockFixture.ADD_MODULE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
      try {
        compile.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return true;
      } catch (TimeoutException e) {
        return false;
      } catch (ExecutionException e) {
        throw new IllegalStateException("the holding compile failed", e.getCause());
      }
    }

    private static Executor daemon(String name) {
      return task -> {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
      };
    }
  }
}
