package dev.wasmlens.bench.jmh;

import dev.wasmlens.agent.bootstrap.CallPhase;
import dev.wasmlens.agent.bootstrap.jfr.CallEvent;
import dev.wasmlens.demo.guest.Wat2Wasm;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One {@code Func.call} of an export that returns its argument: the smallest call the agent
 * instruments, so what the agent adds to it is the largest share it can take of any call. Forks,
 * warm-up and iterations come from the runner ({@link dev.wasmlens.bench.CallCostCommand}), which
 * starts each fork with or without the agent.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TrivialCallBenchmark {
  /** The guest: one export that returns its argument. */
  public static final String IDENTITY_WAT =
      "(module (func (export \"identity\") (param i32) (result i32) local.get 0))";

  private Engine engine;
  private Module module;
  private Store<Void> store;
  private Instance instance;
  private Func identity;
  private Val[] argument;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    engine = new Engine();
    try (Wat2Wasm wat2wasm = new Wat2Wasm(engine)) {
      module = new Module(engine, wat2wasm.convert(IDENTITY_WAT));
    }
    store = new Store<>(null, engine);
    instance = new Instance(store, module, List.of());
    identity = instance.getFunc(store, "identity").get();
    argument = new Val[] {Val.fromI32(7)};
  }

  @Benchmark
  public int call() {
    return identity.call(store, argument)[0].i32();
  }

  /**
   * What the agent does around one call of {@link #call}, without the call: {@code CallPhase.begin}
   * and {@code end} on the same {@code Func} and store, so the agent's own nanoseconds are measured
   * apart from the native call's noise. Runs only under the agent, whose classes are on the boot
   * class path.
   */
  @Benchmark
  public Object agentAlone() {
    CallEvent event = CallPhase.begin(identity, store);
    CallPhase.end(event, null);
    return event;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    identity.close();
    instance.close();
    store.close();
    module.close();
    engine.close();
  }
}
