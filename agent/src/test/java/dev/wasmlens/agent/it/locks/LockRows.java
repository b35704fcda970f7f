package dev.wasmlens.agent.it.locks;

import static dev.wasmlens.agent.it.locks.Holder.CALL;
import static dev.wasmlens.agent.it.locks.Holder.COMPILE;
import static dev.wasmlens.agent.it.locks.Holder.INSTANTIATE;
import static dev.wasmlens.agent.it.locks.Holder.LINKER_MODULE;
import static dev.wasmlens.agent.it.locks.LockRow.Outcome.COMPLETED_AFTER_RELEASE;
import static dev.wasmlens.agent.it.locks.LockRow.Outcome.COMPLETED_WHILE_HELD;
import static dev.wasmlens.agent.it.locks.LockRow.Outcome.NEVER_COMPLETED;

import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.FuncType;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Linker;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.wasi.WasiCtx;
import java.util.List;

/**
 * The lock table of wasmtime-java 0.19.0, one row per (holder, operation) pair;
 * docs/native-locks.md explains each row from the binding's sources. "Same" and "other" refer to
 * the fixture's handles: the holder uses {@link LockFixture#store}, {@link LockFixture#module},
 * {@link LockFixture#linker}, {@link LockFixture#engine}.
 *
 * <p>Rows that leave their thread stuck for good come last: the probe runs the rows in this order.
 */
public final class LockRows {
  public static final List<LockRow> ALL =
      List.of(
          // Engine: held for the whole compile, taken briefly by store and linker creation.
          waits(
              COMPILE,
              "new Module on the same engine",
              f -> new Module(f.engine, LockFixture.ADD_MODULE)),
          waits(
              COMPILE,
              "Module.fromBinary on the same engine",
              f -> Module.fromBinary(f.engine, LockFixture.ADD_MODULE)),
          free(
              COMPILE,
              "new Module on another engine",
              f -> new Module(f.otherEngine, LockFixture.ADD_MODULE)),
          waits(COMPILE, "new Store on the same engine", f -> new Store<Void>(null, f.engine)),
          free(COMPILE, "new Store on another engine", f -> new Store<Void>(null, f.otherEngine)),
          free(COMPILE, "Store.withoutData (which makes its own engine)", f -> Store.withoutData()),
          waits(COMPILE, "new Linker on the same engine", f -> new Linker(f.engine)),
          free(
              COMPILE,
              "new Instance of a module of the same engine",
              f -> new Instance(f.store, f.module, f.importsOf(f.store))),
          free(COMPILE, "a call in a store of the same engine", f -> f.siblingPing.call(f.store)),
          free(
              COMPILE,
              "Linker.get on a linker of the same engine",
              f -> f.linker.get(f.store, "env", "hold")),
          free(
              COMPILE,
              "new Module on the Engine object store.engine() returns for the same engine",
              f -> new Module(f.store.engine(), LockFixture.ADD_MODULE)),
          waits(
              COMPILE, "Engine.incrementEpoch of the same engine", f -> f.engine.incrementEpoch()),
          waits(COMPILE, "Engine.dispose of the same engine", f -> f.engine.dispose()),
          // Store (and the called Func): held for the whole call, host functions included.
          waits(CALL, "a call on the same store", f -> f.siblingPing.call(f.store)),
          free(
              CALL,
              "a call on another store of the same engine and module",
              f -> f.otherPing.call(f.otherStore)),
          waits(
              CALL,
              "new Instance in the same store",
              f -> new Instance(f.store, f.module, f.importsOf(f.store))),
          free(
              CALL,
              "new Instance of the same module in another store",
              f -> new Instance(f.otherStore, f.module, f.importsOf(f.otherStore))),
          waits(
              CALL,
              "Instance.getFunc with the same store",
              f -> f.instance.getFunc(f.store, "ping")),
          waits(
              CALL,
              "Linker.get with the same store",
              f -> f.otherLinker.get(f.store, "env", "missing")),
          waits(
              CALL,
              "Linker.define with the same store",
              f -> f.otherLinker.define(f.store, "extra", "hold", Extern.fromFunc(f.hostOfStore))),
          free(
              CALL,
              "Linker.get with another store",
              f -> f.otherLinker.get(f.otherStore, "env", "hold")),
          waits(
              CALL,
              "new Func (a host function) for the same store",
              f -> new Func(f.store, FuncType.empty(), (caller, params, results) -> {})),
          waits(CALL, "Store.setEpochDeadline of the same store", f -> f.store.setEpochDeadline(1)),
          waits(CALL, "Store.engine() of the same store", f -> f.store.engine()),
          free(
              CALL,
              "new Module on the same engine",
              f -> new Module(f.engine, LockFixture.ADD_MODULE)),
          free(CALL, "new Store on the same engine", f -> new Store<Void>(null, f.engine)),
          free(CALL, "new Linker on the same engine", f -> new Linker(f.engine)),
          free(CALL, "Engine.incrementEpoch of the same engine", f -> f.engine.incrementEpoch()),
          waits(CALL, "Store.dispose of the same store", f -> f.store.dispose()),
          free(CALL, "Store.dispose of another store", f -> f.otherStore.dispose()),
          waits(CALL, "Func.dispose of the function being called", f -> f.held.dispose()),
          free(CALL, "Instance.dispose of the instance being called", f -> f.instance.dispose()),
          free(CALL, "Module.dispose of the module being called", f -> f.module.dispose()),
          free(CALL, "Engine.dispose of the same engine", f -> f.engine.dispose()),
          free(
              CALL,
              "a Java monitor on the Store object",
              f -> {
                synchronized (f.store) {
                  f.store.hashCode();
                }
              }),
          waits(
              CALL,
              "a Java monitor on the Store object, behind another thread's Store.setEpochDeadline"
                  + " waiting for the store,",
              f -> JniMonitors.enterBehind(f.store, () -> f.store.setEpochDeadline(1))),
          inside(
              CALL,
              "a call of another instance in the same store",
              f -> f.siblingPing.call(f.store)),
          inside(
              CALL,
              "new Instance in the same store",
              f -> new Instance(f.store, f.module, f.importsOf(f.store))),
          inside(CALL, "a nested call of the same function", f -> f.held.call(f.store)),
          // Module (and store): held for the whole instantiation, start function included.
          waits(
              INSTANTIATE,
              "new Instance of the same module in another store",
              f -> new Instance(f.otherStore, f.module, f.importsOf(f.otherStore))),
          free(
              INSTANTIATE,
              "new Instance of another module in another store",
              f -> new Instance(f.otherStore, f.addModule, List.of())),
          waits(INSTANTIATE, "a call on the same store", f -> f.siblingPing.call(f.store)),
          free(INSTANTIATE, "a call on another store", f -> f.otherPing.call(f.otherStore)),
          waits(
              INSTANTIATE,
              "Linker.module of the same module in another store",
              f -> f.otherLinker.module(f.otherStore, "probe", f.module)),
          waits(INSTANTIATE, "Module.dispose of the same module", f -> f.module.dispose()),
          free(
              INSTANTIATE,
              "new Module on the same engine",
              f -> new Module(f.engine, LockFixture.ADD_MODULE)),
          free(INSTANTIATE, "new Store on the same engine", f -> new Store<Void>(null, f.engine)),
          inside(
              INSTANTIATE,
              "new Instance of the same module in the same store",
              f -> new Instance(f.store, f.module, f.importsOf(f.store))),
          // Linker (with store and module): held for the whole Linker.module.
          waits(
              LINKER_MODULE,
              "Linker.get on the same linker with another store",
              f -> f.linker.get(f.otherStore, "env", "missing")),
          waits(
              LINKER_MODULE,
              "Linker.define on the same linker with another store",
              f ->
                  f.linker.define(
                      f.otherStore, "extra", "hold", Extern.fromFunc(f.hostOfOtherStore))),
          waits(
              LINKER_MODULE,
              "WasiCtx.addToLinker of the same linker",
              f -> WasiCtx.addToLinker(f.linker)),
          waits(LINKER_MODULE, "Linker.dispose of the same linker", f -> f.linker.dispose()),
          waits(
              LINKER_MODULE,
              "Linker.module of the same module on another linker and store",
              f -> f.otherLinker.module(f.otherStore, "probe", f.module)),
          free(
              LINKER_MODULE,
              "Linker.module of another module on another linker and store",
              f -> f.otherLinker.module(f.otherStore, "add", f.addModule)),
          free(LINKER_MODULE, "new Linker on the same engine", f -> new Linker(f.engine)),
          inside(
              LINKER_MODULE,
              "Linker.get on the same linker and store",
              f -> f.linker.get(f.store, "env", "hold")),
          // Teardown of a handle the same thread holds never returns: these stay stuck, so last.
          stuck(CALL, "Store.dispose of the store being called", f -> f.store.dispose()),
          stuck(CALL, "Func.dispose of the function being called", f -> f.held.dispose()));

  private LockRows() {}

  private static LockRow waits(Holder holder, String what, LockRow.Action action) {
    return new LockRow(
        what + " waits for " + holder, holder, false, COMPLETED_AFTER_RELEASE, action);
  }

  private static LockRow free(Holder holder, String what, LockRow.Action action) {
    return new LockRow(
        what + " does not wait for " + holder, holder, false, COMPLETED_WHILE_HELD, action);
  }

  private static LockRow inside(Holder holder, String what, LockRow.Action action) {
    return new LockRow(
        "inside " + holder + ", " + what + " on the same thread completes",
        holder,
        true,
        COMPLETED_WHILE_HELD,
        action);
  }

  private static LockRow stuck(Holder holder, String what, LockRow.Action action) {
    return new LockRow(
        "inside " + holder + ", " + what + " on the same thread never returns",
        holder,
        true,
        NEVER_COMPLETED,
        action);
  }
}
