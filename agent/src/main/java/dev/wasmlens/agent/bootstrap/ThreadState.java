package dev.wasmlens.agent.bootstrap;

import dev.wasmlens.agent.bootstrap.jfr.CallEvent;
import dev.wasmlens.agent.bootstrap.jfr.HostCallEvent;
import dev.wasmlens.agent.bootstrap.jfr.StoreCreateEvent;
import java.util.Map;

/**
 * Per-thread scratch space of the phase recorders: call depth, host time of the current call, and
 * values handed from a native method's wrapper to the constructor that receives its result.
 *
 * <p>Confined to its thread. One {@link ThreadLocal} lookup serves all fields, which matters on the
 * call path.
 */
final class ThreadState {
  private static final ThreadLocal<ThreadState> CURRENT = ThreadLocal.withInitial(ThreadState::new);

  /**
   * How many {@code Func.call} frames are active on this thread. Only the outermost call is
   * recorded: the {@code Collection} overload and the typed {@code WasmFunctions} wrappers call
   * through the varargs one, and a host function may call wasm again.
   */
  int callDepth;

  /** Nanoseconds spent in host functions during the outermost call. */
  long hostNanos;

  /**
   * Whether a host call of the current outermost call went to the {@link PhaseListener}, which then
   * wants the call too: it holds the host call until the call ends, as its span's parent.
   */
  boolean hostCallListened;

  /**
   * Set by a compile wrapper, taken by the {@code Module(long)} constructor that receives the
   * compiled module.
   */
  ModuleInfo compiledModule;

  /** Set by the {@code newStore} wrapper, taken by the {@code Store(long)} constructor. */
  long newStoreEnginePtr;

  /** The creation event of that store, ended, waiting for the store's id. */
  StoreCreateEvent createdStoreEvent;

  /**
   * Set when {@code new Instance(...)} starts, taken by the {@code newInstance} wrapper that does
   * the work.
   */
  InstanceInfo preparedInstance;

  /**
   * Teardowns in progress: {@code close()} advice around a wrapped {@code dispose()} (classes
   * instrumented before and after an attach) must count once.
   */
  int teardownDepth;

  /**
   * Set when {@code FuncRegistry.acquire} hands out a trampoline index, taken by the host {@code
   * Func} constructor; -1 when empty.
   */
  int newHostFuncIndex = -1;

  /**
   * This thread's {@code schedstat}, opened at its first run-queue reading ({@link RunQueueClock});
   * null before, and for a thread whose file cannot be read.
   */
  SchedStat schedStat;

  /** Whether opening {@link #schedStat} was tried: it is tried once per thread. */
  boolean schedStatOpened;

  /**
   * This thread's {@code status}, for its voluntary switches, opened with {@link #schedStat}; null
   * before, and for a thread whose file cannot be read.
   */
  VoluntarySwitches voluntarySwitches;

  /** The last count read from {@link #voluntarySwitches}, or -1. */
  long voluntarySwitchesRead = -1;

  /**
   * The thread's timeslices ({@code schedstat}) just before {@link #voluntarySwitchesRead} was
   * read; -1 before the first reading.
   */
  long voluntaryReadAtTimeslices = -1;

  /**
   * The event of this thread's outermost call, reused by every call: most calls are counted, not
   * recorded ({@link CallPhase}), and must not allocate.
   */
  private CallEvent callEvent;

  /** The thread's call event, made at its first call something may record ({@link JfrState}). */
  CallEvent callEvent() {
    if (callEvent == null) {
      callEvent = new CallEvent();
    }
    return callEvent;
  }

  /**
   * Whether the recording wants the current call as an event whatever its duration, so that it was
   * identified as it began.
   */
  boolean everyCall;

  /** The export the current call is into; null when the agent did not see it obtained. */
  ExportInfo callExport;

  /**
   * The store of the current call, for its id should the call be kept; held only during the call.
   */
  Object callStore;

  /** The export of this thread's last recorded call, whose series is {@link #lastCallSeries}. */
  ExportInfo lastCallExport;

  /** The series of this thread's last recorded call ({@link CallHistograms}); null before. */
  CallSeries lastCallSeries;

  /** The series of this thread's last counted host call; null before. */
  CallSeries lastHostCallSeries;

  /** This thread's host call series by import name; null before its first counted host call. */
  Map<String, CallSeries> hostCallSeries;

  /**
   * The events of this thread's host calls in progress, by nesting depth (a host function may call
   * wasm that calls host functions again), reused by every host call: most are counted, not
   * recorded. Made at the first host call something may record (not before: see {@link JfrState})
   * and grown as deeper nesting is met.
   */
  HostCallEvent[] hostCallEvents;

  /** How many host calls with an event are in progress on this thread. */
  int hostCallDepth;

  /** This thread's call series by module, then export; null before its first recorded call. */
  Map<String, Map<String, CallSeries>> callSeries;

  private ThreadState() {}

  static ThreadState current() {
    return CURRENT.get();
  }
}
