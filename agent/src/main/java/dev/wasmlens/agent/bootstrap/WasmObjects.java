package dev.wasmlens.agent.bootstrap;

import com.blogspot.mydailyjava.weaklockfree.WeakConcurrentMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Identity of the application's wasm objects: which module an instance came from, which export a
 * {@code Func} was obtained under, the ids of stores and instances.
 *
 * <p>Facts are attached to wasmtime-java objects in weak identity maps, so an object the
 * application drops stays collectable and its entry goes with it. Host functions are also found by
 * trampoline index, which is all a host call has; that entry is removed when wasmtime-java drops
 * the trampoline. Thread-safe.
 */
public final class WasmObjects {
  private static final AtomicLong STORE_IDS = new AtomicLong();
  private static final AtomicLong INSTANCE_IDS = new AtomicLong();

  private static final WeakConcurrentMap<Object, ModuleInfo> MODULES = weakMap();
  private static final WeakConcurrentMap<Object, StoreInfo> STORES = weakMap();
  private static final WeakConcurrentMap<Object, InstanceInfo> INSTANCES = weakMap();
  private static final WeakConcurrentMap<Object, ExportInfo> EXPORTS = weakMap();
  private static final WeakConcurrentMap<Object, HostFuncInfo> HOST_FUNCS = weakMap();

  /** Per linker: the instance made by {@code Linker.module} under each module name. */
  private static final WeakConcurrentMap<Object, Map<String, InstanceInfo>> LINKED_INSTANCES =
      weakMap();

  private static final Map<Integer, HostFuncInfo> HOST_FUNCS_BY_INDEX = new ConcurrentHashMap<>();

  /**
   * Engines, modules, stores and instances created and not yet disposed, for the live counts. Only
   * engines the application created with a public constructor count: {@code store.engine()} returns
   * views of existing ones.
   */
  private static final WeakConcurrentMap<Object, Boolean> LIVE = weakMap();

  private WasmObjects() {}

  /** {@code Module(long)} returned: attach what the compile wrapper just learned on this thread. */
  public static void moduleCreated(Object module) {
    ThreadState state = ThreadState.current();
    ModuleInfo info = state.compiledModule;
    state.compiledModule = null;
    if (info != null) {
      MODULES.put(module, info);
      created(module, "Module");
    }
  }

  /** A public {@code Engine} constructor returned. */
  public static void engineCreated(Object engine) {
    created(engine, "Engine");
  }

  /**
   * {@code Store(long)} returned for a store on the engine at {@code enginePtr}: give it its id.
   */
  static StoreInfo storeCreated(Object store, long enginePtr) {
    StoreInfo info = new StoreInfo(STORE_IDS.incrementAndGet(), enginePtr);
    STORES.put(store, info);
    created(store, "Store");
    return info;
  }

  /** {@code Instance.getFunc(store, name)} returned {@code func}. */
  public static void exportObtained(Object func, Object instance, String name) {
    EXPORTS.put(func, new ExportInfo(name, INSTANCES.get(instance)));
  }

  /** {@code Linker.get(store, moduleName, name)} returned {@code func}. */
  public static void linkedExportObtained(
      Object func, Object linker, String moduleName, String name) {
    Map<String, InstanceInfo> linked = LINKED_INSTANCES.get(linker);
    EXPORTS.put(func, new ExportInfo(name, linked == null ? null : linked.get(moduleName)));
  }

  /** {@code FuncRegistry.acquire} gave the host function being created trampoline {@code index}. */
  public static void hostFuncAllocated(int index) {
    ThreadState.current().newHostFuncIndex = index;
  }

  /** The host function constructor {@code Func(store, type, handler)} returned. */
  public static void hostFuncCreated(Object func, Object store) {
    ThreadState state = ThreadState.current();
    int index = state.newHostFuncIndex;
    state.newHostFuncIndex = -1;
    if (index >= 0) {
      HostFuncInfo info = new HostFuncInfo(index, STORES.get(store));
      HOST_FUNCS.put(func, info);
      HOST_FUNCS_BY_INDEX.put(index, info);
    }
  }

  /** wasmtime-java dropped the trampoline of a host function. */
  public static void hostFuncDropped(int index) {
    HOST_FUNCS_BY_INDEX.remove(index);
  }

  /** True when {@code func} is a host function that no definition has named yet. */
  public static boolean isUnnamedHostFunc(Object func) {
    HostFuncInfo info = HOST_FUNCS.get(func);
    return info != null && info.importName == null;
  }

  /**
   * {@code func} is offered to wasm as import {@code moduleName.name}; the first name given sticks.
   */
  public static void importDefined(Object func, String moduleName, String name) {
    HostFuncInfo info = HOST_FUNCS.get(func);
    if (info != null && info.importName == null) {
      info.importName = moduleName + "." + name;
    }
  }

  /**
   * The number of live objects the agent tracks, for tests and diagnostics that check memory stays
   * bounded.
   */
  public static int trackedObjects() {
    return MODULES.approximateSize()
        + LIVE.approximateSize()
        + STORES.approximateSize()
        + INSTANCES.approximateSize()
        + EXPORTS.approximateSize()
        + HOST_FUNCS.approximateSize()
        + LINKED_INSTANCES.approximateSize()
        + HOST_FUNCS_BY_INDEX.size();
  }

  static ModuleInfo module(Object module) {
    return MODULES.get(module);
  }

  static StoreInfo store(Object store) {
    return STORES.get(store);
  }

  static InstanceInfo instance(Object instance) {
    return INSTANCES.get(instance);
  }

  static ExportInfo export(Object func) {
    return EXPORTS.get(func);
  }

  static HostFuncInfo hostFunc(int index) {
    return HOST_FUNCS_BY_INDEX.get(index);
  }

  static InstanceInfo newInstance(ModuleInfo module, StoreInfo store) {
    return new InstanceInfo(INSTANCE_IDS.incrementAndGet(), module, store);
  }

  static void instanceCreated(Object instance, InstanceInfo info) {
    INSTANCES.put(instance, info);
    created(instance, "Instance");
  }

  /**
   * {@code target}, of {@code kind}, is being disposed: it leaves the live count, once, if it was
   * counted. Its identity stays until it is collected, for the teardown event and for calls through
   * stale references.
   */
  static void disposed(Object target, String kind) {
    if (LIVE.remove(target) != null) {
      liveChanged(kind, -1);
    }
  }

  private static void created(Object target, String kind) {
    LIVE.put(target, Boolean.TRUE);
    liveChanged(kind, 1);
  }

  private static void liveChanged(String kind, int delta) {
    PhaseListener listener = PhaseListener.Registry.current();
    if (listener != null) {
      listener.liveChanged(kind, delta);
    }
  }

  static void instanceLinked(Object linker, String moduleName, InstanceInfo info) {
    Map<String, InstanceInfo> linked = LINKED_INSTANCES.get(linker);
    if (linked == null) {
      linked = new ConcurrentHashMap<>();
      Map<String, InstanceInfo> raced = LINKED_INSTANCES.putIfAbsent(linker, linked);
      if (raced != null) {
        linked = raced;
      }
    }
    linked.put(moduleName, info);
  }

  private static <V> WeakConcurrentMap<Object, V> weakMap() {
    return new WeakConcurrentMap.WithInlinedExpunction<>();
  }
}
