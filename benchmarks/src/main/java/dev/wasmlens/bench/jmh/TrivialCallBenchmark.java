package dev.wasmlens.bench.jmh;

import dev.wasmlens.demo.guest.Wat2Wasm;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
  public Object agentAlone() throws Throwable {
    Object event = (Object) AgentCallPath.BEGIN.invokeExact((Object) identity, (Object) store);
    AgentCallPath.END.invokeExact(event, (Throwable) null);
    return event;
  }

  /**
   * The agent's {@code CallPhase}, found where the attached agent put it: the benchmark is built
   * without the agent's classes, so that no other class path holds a second copy of them. Constant
   * method handles, which the JIT inlines like direct calls.
   */
  private static final class AgentCallPath {
    static final MethodHandle BEGIN;
    static final MethodHandle END;

    static {
      try {
        Class<?> phase = Class.forName("dev.wasmlens.agent.bootstrap.CallPhase");
        Class<?> event = Class.forName("dev.wasmlens.agent.bootstrap.jfr.CallEvent");
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        BEGIN =
            lookup
                .findStatic(
                    phase, "begin", MethodType.methodType(event, Object.class, Object.class))
                .asType(MethodType.methodType(Object.class, Object.class, Object.class));
        END =
            lookup
                .findStatic(phase, "end", MethodType.methodType(void.class, event, Throwable.class))
                .asType(MethodType.methodType(void.class, Object.class, Throwable.class));
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }
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
