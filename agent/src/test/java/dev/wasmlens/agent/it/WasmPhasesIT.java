package dev.wasmlens.agent.it;

import static dev.wasmlens.agent.it.WasmEvents.CALL;
import static dev.wasmlens.agent.it.WasmEvents.COMPILE;
import static dev.wasmlens.agent.it.WasmEvents.HOST_CALL;
import static dev.wasmlens.agent.it.WasmEvents.INSTANTIATE;
import static dev.wasmlens.agent.it.WasmEvents.TEARDOWN;
import static dev.wasmlens.agent.it.WasmEvents.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlens.agent.it.app.WasmScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link WasmScenario} in a child JVM with the agent and a recording, and once without the
 * agent, and checks that the application saw the same thing and that the recording holds exactly
 * the phases the scenario went through.
 */
class WasmPhasesIT {
  private static ChildJvm.Result plain;
  private static ChildJvm.Result instrumented;
  private static WasmEvents events;

  @BeforeAll
  static void runScenario() throws Exception {
    String main = WasmScenario.class.getName();
    plain = ChildJvm.app(main, ChildJvm.WASM_DIR.toString()).run("scenario-plain");
    Path recording = ChildJvm.recordingFile("scenario");
    instrumented =
        ChildJvm.app(main, ChildJvm.WASM_DIR.toString())
            .withAgent("jfr.file=" + recording)
            .run("scenario-agent");
    assertThat(instrumented.exitCode()).as(instrumented.stderr()).isZero();
    events = WasmEvents.read(recording);
  }

  @Test
  void applicationSeesTheSameResultsAndExceptions() {
    assertThat(plain.exitCode()).isZero();
    assertThat(instrumented.stdout()).isEqualTo(plain.stdout());
    // The scenario's exceptions are the real ones: a trap, an epoch interrupt, a WASI exit, a host
    // failure.
    assertThat(plain.stdout())
        .contains(
            "call-trap: threw io.github.kawamuray.wasmtime.WasmFunctionError$TrapError"
                + " 'wasm trap: UNREACHABLE_CODE_REACHED'")
        .contains(
            "call-epoch-interrupt: threw io.github.kawamuray.wasmtime.WasmFunctionError$TrapError"
                + " 'wasm trap: INTERRUPT'")
        .contains(
            "call-wasi-exit: threw io.github.kawamuray.wasmtime.WasmFunctionError$I32ExitError 'exit code: 3'")
        .contains("call-host-throws: threw io.github.kawamuray.wasmtime.WasmtimeException")
        .contains("done");
  }

  @Test
  void withoutOpenTelemetrySettingsNothingIsExported() {
    assertThat(instrumented.stderr())
        .doesNotContain("exporting spans")
        .doesNotContain("[wasmlens] spans:");
  }

  @Test
  void agentSuppressedNothingAndSaysSoInTheRecording() {
    assertThat(instrumented.suppressedFailures()).isZero();
    assertThat(instrumented.instrumentedClasses()).isEqualTo(7);
    List<RecordedEvent> status = events.named(WasmEvents.AGENT_STATUS);
    assertThat(status).isNotEmpty();
    RecordedEvent last = status.get(status.size() - 1);
    assertThat(last.getLong("suppressedFailures")).isZero();
    assertThat(last.getInt("instrumentedClasses")).isEqualTo(7);
    assertThat(last.getString("firstFailure")).isNull();
  }

  @Test
  void everyCompileIsRecordedOnceWithItsOutcome() {
    List<RecordedEvent> compiles = events.named(COMPILE);
    // new Module, fromBinary, fromFile, an invalid module through fromBinary and through new
    // Module, and fromFile in the epoch and WASI steps.
    assertThat(compiles).hasSize(7);
    assertThat(compiles)
        .extracting(e -> e.getString("module"))
        .containsExactly(
            "sha256:" + sha256Prefix(compiles.get(0)),
            "sha256:" + sha256Prefix(compiles.get(1)),
            "faults.wasm",
            "sha256:" + sha256Prefix(compiles.get(3)),
            "sha256:" + sha256Prefix(compiles.get(4)),
            "faults.wasm",
            "exit.wasm");
    assertThat(compiles)
        .extracting(e -> e.getString("outcome"))
        .containsExactly("ok", "ok", "ok", "error", "error", "ok", "ok");
    assertThat(compiles.get(0).getLong("moduleSize")).isEqualTo(41);
    assertThat(compiles.subList(3, 5))
        .allSatisfy(
            e -> assertThat(e.getString("failure")).contains("failed to parse WebAssembly module"));
    assertThat(compiles.get(2).getString("moduleHash")).hasSize(64);
    // The first five compiles share the scenario's first engine. The later steps create their own
    // after it was disposed, so the allocator may hand them the same address: ids are unique only
    // among live engines.
    assertThat(compiles.subList(0, 5))
        .extracting(e -> e.getLong("engineId"))
        .containsOnly(compiles.get(0).getLong("engineId"));
    assertThat(compiles).allSatisfy(e -> assertThat(e.getLong("engineId")).isNotZero());
    assertThat(compiles).allSatisfy(e -> assertThat(e.getLong("cpuTime")).isPositive());
  }

  @Test
  void everyInstantiationIsRecordedWithItsModuleStoreAndId() {
    List<RecordedEvent> instantiations = events.named(INSTANTIATE);
    // adder, hosted, linked, faults, a missing import, 4 workers, epoch, WASI linker.
    assertThat(instantiations).hasSize(11);
    assertThat(instantiations).extracting(e -> e.getLong("instanceId")).doesNotHaveDuplicates();
    assertThat(events.where(INSTANTIATE, field("viaLinker", true))).hasSize(2);
    List<RecordedEvent> failed = events.where(INSTANTIATE, field("outcome", "error"));
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).getString("failure")).contains("expected 1 imports, found 0");
    // The add module is instantiated first by the main thread, then by four workers: only the first
    // is "first".
    String addModule = events.named(COMPILE).get(0).getString("module");
    List<RecordedEvent> adds = events.where(INSTANTIATE, field("module", addModule));
    assertThat(adds).hasSize(5);
    assertThat(adds)
        .extracting(e -> e.getBoolean("firstForModule"))
        .containsExactly(true, false, false, false, false);
    assertThat(adds).extracting(e -> e.getLong("storeId")).doesNotHaveDuplicates();
    // One Module object, compiled once: every instantiation of it carries its compile's module id.
    long addModuleId = events.named(COMPILE).get(0).getLong("moduleId");
    assertThat(addModuleId).isNotZero();
    assertThat(adds).extracting(e -> e.getLong("moduleId")).containsOnly(addModuleId);
    // The id is the native handle: one module's may be another's once the first is torn down.
    List<RecordedEvent> compiled = events.where(COMPILE, field("outcome", "ok"));
    assertThat(compiled).extracting(e -> e.getLong("moduleId")).doesNotContain(0L);
    for (int i = 0; i < compiled.size(); i++) {
      for (int j = i + 1; j < compiled.size(); j++) {
        long id = compiled.get(i).getLong("moduleId");
        if (compiled.get(j).getLong("moduleId") == id) {
          java.time.Instant from = compiled.get(i).getEndTime();
          java.time.Instant to = compiled.get(j).getStartTime();
          assertThat(events.where(WasmEvents.TEARDOWN, field("moduleId", id)))
              .as("a teardown of module %d between its two compiles", id)
              .anySatisfy(
                  t -> assertThat(t.getStartTime()).isAfterOrEqualTo(from).isBeforeOrEqualTo(to));
        }
      }
    }
  }

  @Test
  void everyStoreCreationIsRecordedWithItsEngineAndTheIdItsInstancesCarry() {
    List<RecordedEvent> stores = events.named(WasmEvents.STORE_CREATE);
    // The scenario's main store, four workers' stores, the epoch step's and the WASI step's.
    assertThat(stores).hasSize(7);
    assertThat(stores)
        .extracting(e -> e.getLong("storeId"))
        .doesNotHaveDuplicates()
        .doesNotContain(0L);
    assertThat(stores).allSatisfy(e -> assertThat(e.getLong("engineId")).isNotZero());
    assertThat(stores).extracting(e -> e.getString("outcome")).containsOnly("ok");
    Set<Long> created = stores.stream().map(e -> e.getLong("storeId")).collect(Collectors.toSet());
    assertThat(events.named(INSTANTIATE))
        .allSatisfy(e -> assertThat(created).contains(e.getLong("storeId")));
  }

  @Test
  void callsAreCountedOncePerOutermostCallWithExportAndInstance() {
    List<RecordedEvent> calls = events.named(CALL);
    int main = 3 + 1 + 1 + 2 + 1 + 1;
    assertThat(calls).hasSize(main + WasmScenario.THREADS * WasmScenario.CALLS_PER_THREAD);
    Map<String, Long> byExport =
        calls.stream()
            .collect(Collectors.groupingBy(e -> e.getString("export"), Collectors.counting()));
    assertThat(byExport)
        .containsEntry("add", 3L + WasmScenario.THREADS * WasmScenario.CALLS_PER_THREAD)
        .containsEntry("double_plus_one", 2L)
        .containsEntry("unreachable", 1L)
        .containsEntry("div", 1L)
        .containsEntry("spin", 1L)
        .containsEntry("_start", 1L);
    assertThat(outcomeOf("unreachable")).isEqualTo("trap");
    assertThat(outcomeOf("div")).isEqualTo("trap");
    assertThat(outcomeOf("spin")).isEqualTo("interrupt");
    assertThat(outcomeOf("_start")).isEqualTo("exit");
    assertThat(events.where(CALL, field("export", "double_plus_one")))
        .extracting(e -> e.getString("outcome"))
        .containsExactly("ok", "error");
  }

  @Test
  void callsLinkToTheInstantiationAndTeardownOfTheirInstance() {
    Map<Long, RecordedEvent> instantiations =
        events.named(INSTANTIATE).stream()
            .collect(Collectors.toMap(e -> e.getLong("instanceId"), e -> e));
    for (RecordedEvent call : events.named(CALL)) {
      RecordedEvent instantiation = instantiations.get(call.getLong("instanceId"));
      assertThat(instantiation).as("instantiation of the instance of %s", call).isNotNull();
      assertThat(call.getString("module")).isEqualTo(instantiation.getString("module"));
      assertThat(call.getLong("storeId")).isEqualTo(instantiation.getLong("storeId"));
      assertThat(call.getStartTime()).isAfterOrEqualTo(instantiation.getEndTime());
    }
    Set<Long> disposedInstances =
        events.where(TEARDOWN, field("kind", "Instance")).stream()
            .map(e -> e.getLong("instanceId"))
            .collect(Collectors.toSet());
    Set<Long> calledInstances =
        events.where(CALL, field("export", "add")).stream()
            .map(e -> e.getLong("instanceId"))
            .collect(Collectors.toSet());
    assertThat(disposedInstances).containsAll(calledInstances);
  }

  @Test
  void hostCallsNestInsideTheirCallOnTheSameThread() {
    List<RecordedEvent> hostCalls = events.named(HOST_CALL);
    assertThat(hostCalls)
        .extracting(e -> e.getString("importName"))
        .containsExactly("env.double", "env.double");
    assertThat(hostCalls).extracting(e -> e.getString("outcome")).containsExactly("ok", "error");
    assertThat(hostCalls.get(1).getString("failure"))
        .isEqualTo("java.lang.IllegalStateException: host refused 1");
    List<RecordedEvent> calls = events.where(CALL, field("export", "double_plus_one"));
    for (int i = 0; i < 2; i++) {
      RecordedEvent call = calls.get(i);
      RecordedEvent host = hostCalls.get(i);
      assertThat(host.getThread().getJavaThreadId()).isEqualTo(call.getThread().getJavaThreadId());
      assertThat(host.getStartTime()).isAfterOrEqualTo(call.getStartTime());
      assertThat(host.getEndTime()).isBeforeOrEqualTo(call.getEndTime());
      assertThat(call.getDuration("hostTime")).isPositive().isLessThanOrEqualTo(call.getDuration());
    }
    assertThat(events.where(CALL, field("export", "add")))
        .allSatisfy(call -> assertThat(call.getDuration("hostTime")).isZero());
  }

  @Test
  void concurrentCallsKeepTheirThreadStoreAndInstance() {
    Map<String, List<RecordedEvent>> byThread =
        events.named(CALL).stream()
            .filter(e -> e.getThread().getJavaName().startsWith("wasm-worker-"))
            .collect(Collectors.groupingBy(e -> e.getThread().getJavaName()));
    assertThat(byThread).hasSize(WasmScenario.THREADS);
    Set<Long> instances = new java.util.HashSet<>();
    byThread.forEach(
        (thread, calls) -> {
          assertThat(calls).hasSize(WasmScenario.CALLS_PER_THREAD);
          assertThat(calls)
              .extracting(e -> e.getLong("instanceId"))
              .containsOnly(calls.get(0).getLong("instanceId"));
          assertThat(calls)
              .extracting(e -> e.getLong("storeId"))
              .containsOnly(calls.get(0).getLong("storeId"));
          instances.add(calls.get(0).getLong("instanceId"));
        });
    assertThat(instances).hasSize(WasmScenario.THREADS);
  }

  @Test
  void everyDisposeIsATeardownWhetherThroughDisposeOrClose() {
    Map<String, Long> byKind =
        events.named(TEARDOWN).stream()
            .collect(Collectors.groupingBy(e -> e.getString("kind"), Collectors.counting()));
    assertThat(byKind)
        .isEqualTo(
            Map.of(
                "Instance", 8L, "Store", 7L, "Module", 5L, "Engine", 3L, "Linker", 2L, "Func", 1L));
    assertThat(events.named(TEARDOWN)).extracting(e -> e.getString("outcome")).containsOnly("ok");
    RecordedEvent func = events.where(TEARDOWN, field("kind", "Func")).get(0);
    assertThat(func.getString("module"))
        .isEqualTo(events.named(COMPILE).get(0).getString("module"));
    assertThat(events.where(TEARDOWN, field("kind", "Module")))
        .extracting(e -> e.getString("module"))
        .contains("faults.wasm", "exit.wasm");
    // A module's teardown carries the id its compile gave it.
    assertThat(events.where(TEARDOWN, field("kind", "Module")))
        .extracting(e -> e.getLong("moduleId"))
        .isSubsetOf(events.named(COMPILE).stream().map(e -> e.getLong("moduleId")).toList());
    assertThat(events.where(TEARDOWN, field("kind", "Engine")))
        .extracting(e -> e.getLong("engineId"))
        .allSatisfy(id -> assertThat(id).isNotZero());
  }

  @Test
  void eventsCarryNoStackTraces() {
    assertThat(events.all).allSatisfy(e -> assertThat(e.getStackTrace()).isNull());
    assertThat(events.all).extracting(RecordedEvent::getStartTime).isSorted();
    assertThat(events.all.get(0).getStartTime()).isAfter(Instant.EPOCH);
  }

  @Test
  void cpuTimeScopeDecidesWhichPhasesReadTheCpuClock() throws Exception {
    // The default (setup): set-up phases measured, calls left unknown (JFR's "no value", N/A).
    assertThat(events.named(COMPILE)).allSatisfy(e -> assertThat(cpuNanos(e)).isNotNegative());
    assertThat(events.named(WasmEvents.STORE_CREATE))
        .allSatisfy(e -> assertThat(cpuNanos(e)).isNotNegative());
    assertThat(events.named(CALL))
        .allSatisfy(e -> assertThat(cpuNanos(e)).isEqualTo(Long.MIN_VALUE));

    WasmEvents all = runWithCpuTime("all");
    assertThat(all.named(CALL)).hasSameSizeAs(events.named(CALL));
    assertThat(all.named(CALL)).allSatisfy(e -> assertThat(cpuNanos(e)).isNotNegative());
    assertThat(all.named(INSTANTIATE)).allSatisfy(e -> assertThat(cpuNanos(e)).isNotNegative());

    WasmEvents off = runWithCpuTime("off");
    assertThat(off.named(CALL)).hasSameSizeAs(events.named(CALL));
    List<RecordedEvent> timed = off.all.stream().filter(e -> e.hasField("cpuTime")).toList();
    assertThat(timed).isNotEmpty();
    assertThat(timed).allSatisfy(e -> assertThat(cpuNanos(e)).isEqualTo(Long.MIN_VALUE));
  }

  @Test
  void anUnknownCpuTimeScopeIsSaidInOneLineAndTheDefaultApplies() throws Exception {
    WasmEvents recorded = runWithCpuTime("sometimes");
    assertThat(ChildJvm.WORK_DIR.resolve("scenario-cpu-time-sometimes.err"))
        .content()
        .contains(
            "[wasmlens] wasmlens.cpu-time is 'sometimes'; it must be all, setup or off; using setup")
        .doesNotContain("\tat ");
    assertThat(recorded.named(COMPILE)).allSatisfy(e -> assertThat(cpuNanos(e)).isNotNegative());
    assertThat(recorded.named(CALL))
        .allSatisfy(e -> assertThat(cpuNanos(e)).isEqualTo(Long.MIN_VALUE));
  }

  private WasmEvents runWithCpuTime(String scope) throws Exception {
    Path recording = ChildJvm.recordingFile("scenario-cpu-time-" + scope);
    ChildJvm.Result result =
        ChildJvm.app(WasmScenario.class.getName(), ChildJvm.WASM_DIR.toString())
            .withAgent("jfr.file=" + recording + ",cpu-time=" + scope)
            .run("scenario-cpu-time-" + scope);
    assertThat(result.stdout()).isEqualTo(plain.stdout());
    return WasmEvents.read(recording);
  }

  private static long cpuNanos(RecordedEvent event) {
    return event.getLong("cpuTime");
  }

  @Test
  void theKnownWasmtimeJavaBuildIsInstrumentedWithoutByteBuddyAndTheFallbackRecordsTheSame()
      throws Exception {
    // The scenario above ran on the classes instrumented at build time: ByteBuddy never loaded.
    Path classes = ChildJvm.WORK_DIR.resolve("scenario-classes.log");
    ChildJvm.Result prebuilt =
        ChildJvm.app(WasmScenario.class.getName(), ChildJvm.WASM_DIR.toString())
            .withAgent(null)
            .jvmOption("-Xlog:class+load=info:file=" + classes)
            .run("scenario-prebuilt");
    assertThat(prebuilt.stdout()).isEqualTo(plain.stdout());
    assertThat(prebuilt.instrumentedClasses()).isEqualTo(instrumented.instrumentedClasses());
    assertThat(Files.readString(classes)).doesNotContain("net.bytebuddy");

    // Any other build goes to ByteBuddy at run time, which must record exactly the same phases.
    Path recording = ChildJvm.recordingFile("scenario-bytebuddy");
    ChildJvm.Result byteBuddy =
        ChildJvm.app(WasmScenario.class.getName(), ChildJvm.WASM_DIR.toString())
            .jvmOption("-Dwasmlens.internal.pretransformed=false")
            .withAgent("jfr.file=" + recording)
            .run("scenario-bytebuddy");
    assertThat(byteBuddy.stdout()).isEqualTo(plain.stdout());
    assertThat(byteBuddy.suppressedFailures()).isZero();
    assertThat(countsByName(WasmEvents.read(recording))).isEqualTo(countsByName(events));
  }

  @Test
  void withoutNativeWrappingOnlyWhatTheNativesAloneSeeIsMissing() throws Exception {
    // How the OpenTelemetry agent extension and an attach instrument: Java methods only.
    Path recording = ChildJvm.recordingFile("scenario-java-methods");
    ChildJvm.Result javaMethods =
        ChildJvm.app(WasmScenario.class.getName(), ChildJvm.WASM_DIR.toString())
            .jvmOption("-Dwasmlens.internal.native-wrapping=false")
            .withAgent("jfr.file=" + recording)
            .run("scenario-java-methods");
    assertThat(javaMethods.stdout()).isEqualTo(plain.stdout());
    assertThat(javaMethods.suppressedFailures()).isZero();
    WasmEvents seen = WasmEvents.read(recording);

    for (String phase : new String[] {CALL, HOST_CALL, WasmEvents.STORE_CREATE}) {
      assertThat(identities(seen, phase)).as(phase).isEqualTo(identities(events, phase));
    }
    // A constructor cannot see its own failure: the failed new Module(engine, bytes) (the fifth
    // compile; the failed Module.fromBinary before it is seen) and the failed new Instance(...) go
    // unrecorded.
    RecordedEvent failedConstructor = events.named(COMPILE).get(4);
    assertThat(failedConstructor.getString("outcome")).isEqualTo("error");
    List<String> compiles = new ArrayList<>(identities(events, COMPILE));
    compiles.remove(failedConstructor.getString("module") + " error");
    assertThat(identities(seen, COMPILE)).isEqualTo(compiles);
    assertThat(identities(seen, INSTANTIATE))
        .isEqualTo(
            identities(events, INSTANTIATE).stream()
                .filter(e -> !e.startsWith("error viaLinker=false"))
                .collect(Collectors.toList()));
    assertThat(identities(events, INSTANTIATE))
        .anyMatch(e -> e.startsWith("error viaLinker=false"));
    // Teardowns are seen through close() only: the scenario's five direct dispose() calls (two
    // instances, a function, two modules) go unrecorded.
    Map<String, Long> expected =
        new java.util.HashMap<>(
            events.named(TEARDOWN).stream()
                .collect(Collectors.groupingBy(e -> e.getString("kind"), Collectors.counting())));
    expected.merge("Instance", -2L, Long::sum);
    expected.merge("Func", -1L, Long::sum);
    expected.merge("Module", -2L, Long::sum);
    expected.values().removeIf(count -> count == 0);
    assertThat(
            seen.named(TEARDOWN).stream()
                .collect(Collectors.groupingBy(e -> e.getString("kind"), Collectors.counting())))
        .isEqualTo(expected);
  }

  /** One line per event of {@code phase}, sorted: what identifies it, without its timing. */
  static List<String> identities(WasmEvents recorded, String phase) {
    return recorded.named(phase).stream()
        .map(
            e ->
                switch (phase) {
                  case CALL ->
                      e.getString("export")
                          + " "
                          + e.getString("outcome")
                          + " store="
                          + e.getLong("storeId")
                          + " first="
                          + e.getBoolean("firstForInstance");
                  case COMPILE -> e.getString("module") + " " + e.getString("outcome");
                  case INSTANTIATE ->
                      e.getString("outcome")
                          + " viaLinker="
                          + e.getBoolean("viaLinker")
                          + " module="
                          + e.getString("module");
                  default -> e.getString("outcome");
                })
        .sorted()
        .collect(Collectors.toList());
  }

  private static Map<String, Long> countsByName(WasmEvents recorded) {
    // The periodic events (status, histograms) depend on how long the run took, not on its phases.
    return recorded.phases().stream()
        .collect(
            java.util.stream.Collectors.groupingBy(
                e -> e.getEventType().getName(), java.util.stream.Collectors.counting()));
  }

  @Test
  void everyCallIsCountedInTheHistogramsOfItsThreadModuleAndExportFailuresIncluded()
      throws Exception {
    List<RecordedEvent> histograms = events.named(WasmEvents.CALL_HISTOGRAM);
    assertThat(histograms).isNotEmpty();
    for (RecordedEvent histogram : histograms) {
      // The encoded histogram holds the same calls as the count says.
      assertThat(
              org.HdrHistogram.Histogram.decodeFromCompressedByteBuffer(
                      java.nio.ByteBuffer.wrap(
                          java.util.Base64.getDecoder().decode(histogram.getString("histogram"))),
                      0)
                  .getTotalCount())
          .isEqualTo(histogram.getLong("count"));
    }
    List<RecordedEvent> calls = events.named(CALL);
    assertThat(histogramTotals(histograms, "count", true))
        .isEqualTo(callTotals(calls, false, true));
    assertThat(histogramTotals(histograms, "failed", true))
        .isEqualTo(callTotals(calls, true, true));
    assertThat(callTotals(calls, true, true).values().stream().mapToLong(Long::longValue).sum())
        .isPositive();
  }

  @Test
  void callsTheRecordingDoesNotTakeAsEventsAreStillCounted() throws Exception {
    Path settings = ChildJvm.WORK_DIR.resolve("wasmlens-full.jfc");
    ChildJvm.Result jfc = ChildJvm.jar(ChildJvm.AGENT_JAR, "jfc").run("agent-jfc");
    Files.writeString(settings, jfc.stdout());
    Path recording = ChildJvm.recordingFile("scenario-call-events-off");
    ChildJvm.Result result =
        ChildJvm.app(WasmScenario.class.getName(), ChildJvm.WASM_DIR.toString())
            .withAgent(null)
            .jvmOption(
                "-XX:StartFlightRecording:settings="
                    + settings
                    + ",wasmlens.Call#enabled=false,filename="
                    + recording)
            .run("scenario-call-events-off");
    // JFR's start-up lines go to the application's standard output too.
    assertThat(
            result
                .stdout()
                .lines()
                .filter(line -> !line.contains("[jfr,startup]"))
                .collect(Collectors.joining("\n", "", "\n")))
        .isEqualTo(plain.stdout());
    assertThat(result.suppressedFailures()).isZero();
    WasmEvents recorded = WasmEvents.read(recording);
    assertThat(recorded.named(CALL)).isEmpty();
    // The same calls as the scenario's recording with every call an event, module by export.
    List<RecordedEvent> histograms = recorded.named(WasmEvents.CALL_HISTOGRAM);
    List<RecordedEvent> calls = events.named(CALL);
    assertThat(histogramTotals(histograms, "count", false))
        .isEqualTo(callTotals(calls, false, false));
    assertThat(histogramTotals(histograms, "failed", false))
        .isEqualTo(callTotals(calls, true, false));
  }

  /** The histograms' {@code field} added up by module and export (and thread when asked). */
  private static Map<String, Long> histogramTotals(
      List<RecordedEvent> histograms, String field, boolean byThread) {
    Map<String, Long> totals = new TreeMap<>();
    for (RecordedEvent histogram : histograms) {
      String key =
          (byThread ? histogram.getLong("javaThreadId") + " " : "")
              + histogram.getString("module")
              + " "
              + histogram.getString("export");
      totals.merge(key, histogram.getLong(field), Long::sum);
    }
    return totals;
  }

  /** The calls (or only the failed ones) counted by module and export (and thread when asked). */
  private static Map<String, Long> callTotals(
      List<RecordedEvent> calls, boolean failedOnly, boolean byThread) {
    Map<String, Long> totals = new TreeMap<>();
    for (RecordedEvent call : calls) {
      String key =
          (byThread ? call.getThread().getJavaThreadId() + " " : "")
              + call.getString("module")
              + " "
              + call.getString("export");
      boolean counts = !failedOnly || !"ok".equals(call.getString("outcome"));
      totals.merge(key, counts ? 1L : 0L, Long::sum);
    }
    return totals;
  }

  private static String outcomeOf(String export) {
    List<RecordedEvent> calls = events.where(CALL, field("export", export));
    assertThat(calls).hasSize(1);
    return calls.get(0).getString("outcome");
  }

  private static String sha256Prefix(RecordedEvent compile) {
    return compile.getString("moduleHash").substring(0, 12);
  }
}
