package dev.wasmlens.analysis.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import jdk.jfr.EventType;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.HdrHistogram.Histogram;

/**
 * One pass over a recording, event by event ({@link RecordingFile}: nothing is loaded whole). Every
 * wasm operation goes to a consumer; the ones a filter keeps are stored, with the JVM events that
 * can explain a slow one: pauses (safepoints from SafepointBegin's start to SafepointEnd's end,
 * joined on their id, and GC pauses, merged into one union), Java lock waits and parks per thread,
 * compilations, deoptimizations, and machine CPU load.
 */
public final class RecordingScan {
  /**
   * Calls, instantiations and a store's teardowns at least this long are kept as possible holders
   * of a native lock (their store's; the process's memory map for the last two): a shorter hold
   * cannot make a millisecond tail.
   */
  public static final long MIN_LOCK_HOLD_NANOS = 500_000;

  /** Events between two progress reports: about a second of reading. */
  public static final long PROGRESS_EVENTS = 1_000_000;

  /** Told how far a pass has come. */
  @FunctionalInterface
  public interface Progress {
    /**
     * @param events events read so far
     * @param fraction how much of the recording's time they reach, 0 to 1; -1 when unknown
     */
    void report(long events, double fraction);
  }

  private final List<WasmOperation> kept = new ArrayList<>();
  private final List<WasmOperation> lockHolders = new ArrayList<>();
  private final List<Interval> pauses = new ArrayList<>();
  private final List<Interval> lockWaits = new ArrayList<>();
  private final List<Interval> compilations = new ArrayList<>();
  private final List<Interval> deoptimizations = new ArrayList<>();
  private final List<Interval> cpuLoad = new ArrayList<>();
  private boolean cpuLoadSeen;
  private final List<ThreadActivity> threadActivity = new ArrayList<>();
  private final List<MachineActivity> machineActivity = new ArrayList<>();
  private final List<CountedCalls> countedCalls = new ArrayList<>();
  private long unreadableCallHistograms;
  private final Map<String, String> settings = new HashMap<>();

  /** The fields of each event type read, for {@link #has}. */
  private final Map<EventType, Long> fieldsOf = new HashMap<>();

  private EventType lastType;
  private long lastTypeFields;

  /**
   * Bounds {@link #threadIdentities}: a long recording has a thread object per thread and chunk.
   */
  private static final int MAX_THREAD_IDENTITIES = 4096;

  private final Map<RecordedThread, ThreadIdentity> threadIdentities = new IdentityHashMap<>();

  private final Map<Long, String> javaThreads = new HashMap<>();
  private boolean javaThreadCensus;
  private String serviceName;
  private String hostName;
  private long wasmEvents;
  private boolean threadSamples;
  private long operationsInWindow;
  private long events;
  private TimeWindow window = TimeWindow.ALL;
  private RecordingSpan span;

  private RecordingScan() {}

  /**
   * Reads {@code file}, telling {@code progress} how far it has come every {@code progressEvery}
   * events.
   *
   * @throws IOException when the file cannot be read or is not a valid recording
   */
  public static RecordingScan read(
      Path file,
      Consumer<WasmOperation> everyOperation,
      Predicate<WasmOperation> keep,
      Progress progress,
      long progressEvery)
      throws IOException {
    return read(
        file, TimeWindow.ALL, new Heartbeat(), everyOperation, keep, progress, progressEvery);
  }

  /**
   * The same, for the operations that start in {@code window} and the events that overlap it,
   * beating {@code heartbeat} once per event.
   */
  public static RecordingScan read(
      Path file,
      TimeWindow window,
      Heartbeat heartbeat,
      Consumer<WasmOperation> everyOperation,
      Predicate<WasmOperation> keep,
      Progress progress,
      long progressEvery)
      throws IOException {
    RecordingScan scan = new RecordingScan();
    RecordingSpan span = RecordingSpan.of(file);
    scan.span = span;
    scan.window = window.in(span);
    Map<Long, RecordedEvent> safepointBegins = new HashMap<>();
    try (RecordingFile recording = new RecordingFile(file)) {
      Map<Long, String> eventNames = new HashMap<>();
      for (EventType type : recording.readEventTypes()) {
        eventNames.put(type.getId(), type.getName());
      }
      while (recording.hasMoreEvents()) {
        RecordedEvent event = recording.readEvent();
        heartbeat.beat();
        if (++scan.events % progressEvery == 0) {
          progress.report(
              scan.events, span == null ? -1 : span.fractionAt(nanos(event.getEndTime())));
        }
        scan.accept(event, eventNames, safepointBegins, everyOperation, keep);
      }
    }
    scan.keepEvidenceIn(scan.window);
    scan.pauses.sort(Comparator.comparingLong(Interval::startNanos));
    scan.kept.sort(Comparator.comparingLong(WasmOperation::startNanos));
    scan.lockHolders.sort(Comparator.comparingLong(WasmOperation::startNanos));
    return scan;
  }

  private void accept(
      RecordedEvent event,
      Map<Long, String> eventNames,
      Map<Long, RecordedEvent> safepointBegins,
      Consumer<WasmOperation> everyOperation,
      Predicate<WasmOperation> keep) {
    String type = event.getEventType().getName();
    WasmOperation.Phase phase = WasmOperation.Phase.ofEvent(type);
    if (phase != null) {
      wasmEvents++;
      WasmOperation operation = operation(phase, event);
      if (operation.osThreadId() != 0 && operation.threadName() != null) {
        javaThreads.putIfAbsent(operation.osThreadId(), operation.threadName());
      }
      if (phase == WasmOperation.Phase.COMPILE
          || (phase == WasmOperation.Phase.CALL
                  || phase == WasmOperation.Phase.INSTANTIATE
                  || operation.tearsDownStore())
              && operation.durationNanos() >= MIN_LOCK_HOLD_NANOS) {
        lockHolders.add(operation);
      }
      if (!window.holds(operation)) {
        return;
      }
      operationsInWindow++;
      everyOperation.accept(operation);
      if (keep.test(operation)) {
        kept.add(operation);
      }
      return;
    }
    switch (type) {
      case "jdk.SafepointBegin":
        safepointBegins.put(event.getLong("safepointId"), event);
        break;
      case "jdk.SafepointEnd":
        RecordedEvent begin = safepointBegins.remove(event.getLong("safepointId"));
        if (begin != null) {
          pauses.add(
              new Interval(
                  nanos(begin.getStartTime()), nanos(event.getEndTime()), -1, "safepoint"));
        }
        break;
      case "jdk.GCPhasePause":
        pauses.add(interval(event, -1, "GC pause " + event.getString("name")));
        break;
      case "jdk.JavaMonitorEnter":
      case "jdk.JavaMonitorWait":
        String owner = previousOwner(event);
        lockWaits.add(
            new Interval(
                nanos(event.getStartTime()),
                nanos(event.getEndTime()),
                threadId(event.getThread()),
                type.substring(4)
                    + " "
                    + className(event)
                    + (owner == null ? "" : " held by " + owner),
                "monitor " + className(event),
                owner));
        break;
      case "jdk.ThreadPark":
        lockWaits.add(
            new Interval(
                nanos(event.getStartTime()),
                nanos(event.getEndTime()),
                threadId(event.getThread()),
                "ThreadPark " + className(event),
                "park on " + className(event),
                null));
        break;
      case "jdk.Compilation":
        compilations.add(interval(event, -1, "compilation of " + event.getValue("method")));
        break;
      case "jdk.Deoptimization":
        deoptimizations.add(
            interval(
                event,
                threadId(event.getThread()),
                "deoptimization (" + event.getString("reason") + ")"));
        break;
      case "jdk.ThreadCPULoad":
      case "jdk.ThreadStart":
        // Every Java thread alive has a ThreadCPULoad each period: the list of Java threads.
        RecordedThread javaThread =
            type.equals("jdk.ThreadStart") ? event.getValue("thread") : event.getThread();
        if (javaThread != null && javaThread.getJavaName() != null) {
          javaThreads.putIfAbsent(javaThread.getOSThreadId(), javaThread.getJavaName());
          javaThreadCensus = true;
        }
        break;
      case "jdk.CPULoad":
        boolean firstCpuLoad = !cpuLoadSeen;
        cpuLoadSeen = true;
        if (!CpuLoadSample.hasBaseline(event, firstCpuLoad)) {
          break;
        }
        cpuLoad.add(
            new Interval(
                nanos(event.getStartTime()),
                nanos(event.getStartTime()),
                -1,
                String.valueOf(event.getFloat("machineTotal"))));
        break;
      case "wasmlens.ThreadSample":
        threadSamples = true;
        threadActivity.add(
            new ThreadActivity(
                nanos(event.getStartTime()),
                nanos(event.getEndTime()),
                event.getLong("osThreadId"),
                event.getString("threadName"),
                event.getLong("cpuTime"),
                event.getLong("runQueueWait")));
        break;
      case "wasmlens.MachineSample":
        machineActivity.add(
            new MachineActivity(
                nanos(event.getStartTime()),
                nanos(event.getEndTime()),
                event.getInt("cpus"),
                event.getLong("busy"),
                event.getLong("steal"),
                event.getLong("processCpu")));
        break;
      case "wasmlens.CallHistogram":
      case "wasmlens.HostCallHistogram":
        // An interval that reaches outside the window would count calls the window leaves out.
        long endNanos = nanos(event.getEndTime());
        long intervalNanos = event.getDuration("interval").toNanos();
        if (window.isAll()
            || intervalNanos > 0 && window.contains(endNanos - intervalNanos, endNanos)) {
          countCalls(event, type.equals("wasmlens.CallHistogram"), endNanos);
        }
        break;
      case "wasmlens.AgentStatus":
        if (event.hasField("serviceName") && event.getString("serviceName") != null) {
          serviceName = event.getString("serviceName");
          hostName = string(event, Field.HOST_NAME);
        }
        break;
      case "jdk.ActiveSetting":
        String name = eventNames.get(event.getLong("id"));
        if (name != null) {
          settings.put(name + "#" + event.getString("name"), event.getString("value"));
        }
        break;
      default:
        break;
    }
  }

  private void countCalls(RecordedEvent event, boolean intoWasm, long endNanos) {
    try {
      Histogram calls =
          Histogram.decodeFromCompressedByteBuffer(
              ByteBuffer.wrap(Base64.getDecoder().decode(event.getString("histogram"))), 0);
      countedCalls.add(
          intoWasm
              ? new CountedCalls(
                  WasmOperation.Phase.CALL,
                  string(event, Field.MODULE),
                  string(event, Field.EXPORT),
                  endNanos,
                  calls)
              : new CountedCalls(
                  WasmOperation.Phase.HOST_CALL,
                  string(event, Field.MODULE),
                  string(event, Field.IMPORT_NAME),
                  endNanos,
                  calls));
    } catch (DataFormatException | RuntimeException e) {
      // A histogram that does not decode is left out and counted; the rest of the file is read.
      unreadableCallHistograms++;
    }
  }

  /** Drops the evidence outside {@code window}: what explains an operation overlaps it. */
  private void keepEvidenceIn(TimeWindow window) {
    if (window.isAll()) {
      return;
    }
    for (List<Interval> evidence :
        List.of(pauses, lockWaits, compilations, deoptimizations, cpuLoad)) {
      evidence.removeIf(i -> !window.overlaps(i.startNanos(), i.endNanos()));
    }
    lockHolders.removeIf(c -> !window.overlaps(c.startNanos(), c.endNanos()));
    threadActivity.removeIf(t -> !window.overlaps(t.startNanos(), t.endNanos()));
    machineActivity.removeIf(m -> !window.overlaps(m.startNanos(), m.endNanos()));
  }

  private WasmOperation operation(WasmOperation.Phase phase, RecordedEvent event) {
    ThreadIdentity thread = identity(event.getThread());
    String module = string(event, Field.MODULE);
    String name;
    switch (phase) {
      case CALL:
        name = string(event, Field.EXPORT);
        break;
      case HOST_CALL:
        name = string(event, Field.IMPORT_NAME);
        break;
      case TEARDOWN:
        name = string(event, Field.KIND);
        break;
      case STORE_CREATE:
        name = "store";
        break;
      default:
        name = module;
    }
    boolean firstUse =
        phase == WasmOperation.Phase.INSTANTIATE
            ? bool(event, Field.FIRST_FOR_MODULE)
            : phase == WasmOperation.Phase.CALL && bool(event, Field.FIRST_FOR_INSTANCE);
    return new WasmOperation(
        phase,
        nanos(event.getStartTime()),
        nanos(event.getEndTime()),
        thread.javaThreadId,
        thread.osThreadId,
        thread.javaName,
        module,
        name,
        number(event, Field.ENGINE_ID),
        number(event, Field.MODULE_ID),
        number(event, Field.STORE_ID),
        number(event, Field.INSTANCE_ID),
        string(event, Field.OUTCOME),
        clock(event, Field.CPU_TIME),
        clock(event, Field.RUN_QUEUE_WAIT),
        count(event, Field.SWITCHES),
        count(event, Field.VOLUNTARY_SWITCHES),
        number(event, Field.HOST_TIME),
        firstUse,
        // A phase under no application span is a trace of its own (its own span's), not a request.
        string(event, Field.PARENT_SPAN_ID) == null ? null : string(event, Field.TRACE_ID));
  }

  /** Operations the filter kept, by start time. */
  public List<WasmOperation> operations() {
    return kept;
  }

  /**
   * What the recording holds that can explain a slow operation, in the time window read: every
   * pause, lock wait, compilation, deoptimization, CPU load sample, possible native lock holder and
   * thread sample.
   */
  public Evidence evidence() {
    return new Evidence(
        pauses,
        lockWaits,
        compilations,
        deoptimizations,
        cpuLoad,
        lockHolders,
        threadActivity,
        machineActivity,
        javaThreads,
        javaThreadCensus);
  }

  /**
   * The agent's call histograms whose interval lies inside the time window read (all of them
   * without a window): every call counted, also those not recorded as call events.
   */
  public List<CountedCalls> countedCalls() {
    return countedCalls;
  }

  /** How many call histograms could not be decoded (and were left out). */
  public long unreadableCallHistograms() {
    return unreadableCallHistograms;
  }

  /** Whether the recording holds the thread sampler's events (kept or not). */
  public boolean hasThreadSamples() {
    return threadSamples;
  }

  /** The recording's active settings, {@code event#setting -> value}. */
  public Map<String, String> settings() {
    return settings;
  }

  /**
   * The service that recorded, from the agent's status event; null when the recording has none (an
   * older agent, or a recording that ended before its first chunk did).
   */
  public String serviceName() {
    return serviceName;
  }

  /** The host that recorded; null when unknown. */
  public String hostName() {
    return hostName;
  }

  /** How many wasm events the file held. */
  public long wasmEvents() {
    return wasmEvents;
  }

  /** How many wasm events started in the time window (all of them without a window). */
  public long operationsInWindow() {
    return operationsInWindow;
  }

  /** The time window read, resolved for this recording (a skip turned into a start). */
  public TimeWindow window() {
    return window;
  }

  /** The time the recording covers, from its chunk headers; null when they cannot be read. */
  public RecordingSpan span() {
    return span;
  }

  /** How many events of any kind the file held. */
  public long events() {
    return events;
  }

  static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  private static Interval interval(RecordedEvent event, long threadId, String what) {
    return new Interval(nanos(event.getStartTime()), nanos(event.getEndTime()), threadId, what);
  }

  /**
   * The ids and name of an event's thread, looked up once per thread object: the parser hands out
   * one object per thread and chunk, and reading its fields searches them by name.
   */
  private ThreadIdentity identity(RecordedThread thread) {
    if (thread == null) {
      return ThreadIdentity.NONE;
    }
    ThreadIdentity identity = threadIdentities.get(thread);
    if (identity == null) {
      if (threadIdentities.size() >= MAX_THREAD_IDENTITIES) {
        threadIdentities.clear();
      }
      identity =
          new ThreadIdentity(
              thread.getJavaThreadId(), thread.getOSThreadId(), thread.getJavaName());
      threadIdentities.put(thread, identity);
    }
    return identity;
  }

  /** What an operation records of its thread. */
  private static final class ThreadIdentity {
    static final ThreadIdentity NONE = new ThreadIdentity(-1, 0, null);

    final long javaThreadId;
    final long osThreadId;
    final String javaName;

    ThreadIdentity(long javaThreadId, long osThreadId, String javaName) {
      this.javaThreadId = javaThreadId;
      this.osThreadId = osThreadId;
      this.javaName = javaName;
    }
  }

  private static long threadId(RecordedThread thread) {
    return thread == null ? -1 : thread.getJavaThreadId();
  }

  /** For a monitor enter, the Java name of who held the monitor when the wait began, or null. */
  private static String previousOwner(RecordedEvent event) {
    if (!event.hasField("previousOwner")) {
      return null;
    }
    RecordedThread owner = event.getValue("previousOwner");
    return owner == null ? null : owner.getJavaName();
  }

  private static String className(RecordedEvent event) {
    for (String field : new String[] {"monitorClass", "parkedClass"}) {
      if (event.hasField(field) && event.getClass(field) != null) {
        return event.getClass(field).getName();
      }
    }
    return "";
  }

  /**
   * A clock field in nanoseconds; -1 when the event has none or it is unknown (JFR's no value,
   * {@code Long.MIN_VALUE}, or -1 from older agents).
   */
  private long clock(RecordedEvent event, Field field) {
    if (!has(event, field)) {
      return -1;
    }
    long nanos = event.getLong(field.name);
    return nanos < 0 ? -1 : nanos;
  }

  /** A count the agent may not have read (-1, as the agent writes it, when absent). */
  private long count(RecordedEvent event, Field field) {
    return has(event, field) ? Math.max(-1, event.getLong(field.name)) : -1;
  }

  /**
   * A string field. {@link RecordedEvent#getString} checks the field's type first, another search
   * of the fields by name: the agent's string fields are strings.
   */
  private String string(RecordedEvent event, Field field) {
    return has(event, field) ? event.getValue(field.name) : null;
  }

  private long number(RecordedEvent event, Field field) {
    return has(event, field) ? event.getLong(field.name) : 0;
  }

  private boolean bool(RecordedEvent event, Field field) {
    return has(event, field) && event.getBoolean(field.name);
  }

  /**
   * Whether {@code event} has {@code field}, from the fields of its type, gathered once per type as
   * a bit mask: {@link RecordedEvent#hasField} compares the name with every field's, and a wasm
   * event asks for about twenty.
   */
  private boolean has(RecordedEvent event, Field field) {
    // Events come in runs of one type: the last type's fields are checked first.
    if (event.getEventType() != lastType) {
      lastType = event.getEventType();
      lastTypeFields = fieldsOf.computeIfAbsent(lastType, Field::of);
    }
    return (lastTypeFields & field.bit) != 0;
  }

  /** The fields of the agent's events read here, each a bit of a type's mask ({@link #has}). */
  private enum Field {
    MODULE("module"),
    EXPORT("export"),
    IMPORT_NAME("importName"),
    KIND("kind"),
    FIRST_FOR_MODULE("firstForModule"),
    FIRST_FOR_INSTANCE("firstForInstance"),
    ENGINE_ID("engineId"),
    MODULE_ID("moduleId"),
    STORE_ID("storeId"),
    INSTANCE_ID("instanceId"),
    OUTCOME("outcome"),
    CPU_TIME("cpuTime"),
    RUN_QUEUE_WAIT("runQueueWait"),
    SWITCHES("switches"),
    VOLUNTARY_SWITCHES("voluntarySwitches"),
    HOST_TIME("hostTime"),
    PARENT_SPAN_ID("parentSpanId"),
    TRACE_ID("traceId"),
    HOST_NAME("hostName");

    private static final Map<String, Field> BY_NAME =
        Stream.of(values()).collect(Collectors.toMap(f -> f.name, f -> f));

    final String name;
    final long bit = 1L << ordinal();

    Field(String name) {
      this.name = name;
    }

    /** The mask of the fields {@code type} has. */
    static long of(EventType type) {
      long mask = 0;
      for (ValueDescriptor field : type.getFields()) {
        Field known = BY_NAME.get(field.getName());
        if (known != null) {
          mask |= known.bit;
        }
      }
      return mask;
    }
  }
}
