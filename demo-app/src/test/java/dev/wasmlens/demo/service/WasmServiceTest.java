package dev.wasmlens.demo.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlens.demo.fault.GroundTruthLog;
import dev.wasmlens.demo.strategy.InstanceStrategy;
import dev.wasmlens.demo.strategy.Strategies;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The service over real HTTP with the real guest, for every strategy. */
class WasmServiceTest {
  private static final int REQUESTS = 40;
  private static ColdStart coldStart;
  private static Engine engine;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void measureColdStart() {
    coldStart = ColdStart.measure();
    engine = new Engine();
  }

  @AfterAll
  static void coldStartHasEveryPart() {
    engine.close();
    assertThat(coldStart.engineNanos()).isPositive();
    assertThat(coldStart.compileNanos()).isPositive();
    assertThat(coldStart.instantiateNanos()).isPositive();
    assertThat(coldStart.firstCallNanos()).isPositive();
    assertThat(coldStart.totalNanos())
        .isGreaterThanOrEqualTo(coldStart.compileNanos() + coldStart.engineNanos());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cold",
        "fresh-instance",
        "prewarmed-pool",
        "dynamic-pool",
        "hybrid",
        "shared",
        "shared-store"
      })
  void everyStrategyAnswersConcurrentRequestsWithTheGuestsResult(String name) throws Exception {
    InstanceStrategy strategy = Strategies.create(name, engine, 3, 1, Duration.ofSeconds(5));
    ExecutorService senders = Executors.newFixedThreadPool(6);
    try (WasmService service = start(strategy)) {
      List<Future<HttpResponse<String>>> responses = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        int n = 1 + i;
        responses.add(senders.submit(() -> get(service, "/checksum?n=" + n)));
      }
      for (int i = 0; i < REQUESTS; i++) {
        HttpResponse<String> response = responses.get(i).get();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().trim()).isEqualTo(String.valueOf(expectedChecksum(1 + i)));
      }
      String stats = get(service, "/stats").body();
      assertThat(stats)
          .contains("\"strategy\":\"" + name + "\"")
          .contains("\"served\":" + REQUESTS)
          .containsPattern("\"allocatedBytes\":[1-9][0-9]*");
      long coldStarts = strategy.coldStarts();
      switch (name) {
        case "cold":
        case "fresh-instance":
          assertThat(coldStarts).isEqualTo(REQUESTS);
          break;
        case "prewarmed-pool":
        case "shared":
        case "shared-store":
          assertThat(coldStarts).isZero();
          break;
        default:
          // A dynamic pool pays cold starts while it grows, up to its maximum of 3.
          assertThat(coldStarts).isBetween(name.equals("hybrid") ? 0L : 1L, 3L);
      }
    } finally {
      senders.shutdownNow();
    }
  }

  @Test
  void badRequestsGetOneLineSayingWhatIsWrong() throws Exception {
    try (WasmService service =
        start(Strategies.create("fresh-instance", engine, 1, 0, Duration.ofSeconds(1)))) {
      assertThat(answer(service, "/checksum"))
          .isEqualTo("400 missing parameter n (an integer from 1 to 1000000)");
      assertThat(answer(service, "/checksum?n=abc")).isEqualTo("400 n=abc is not an integer");
      assertThat(answer(service, "/checksum?n=0")).isEqualTo("400 n=0 is out of range 1..1000000");
      assertThat(answer(service, "/nope"))
          .isEqualTo("404 no such endpoint: /nope (try /checksum?n=64)");
      HttpResponse<String> post =
          client.send(
              HttpRequest.newBuilder(uri(service, "/checksum?n=1"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(answer(service, "/health")).isEqualTo("200 ok fresh-instance");
      HttpResponse<String> getWat2wasm = get(service, "/wat2wasm");
      assertThat(getWat2wasm.statusCode() + " " + getWat2wasm.body().trim())
          .isEqualTo("405 /wat2wasm takes POST");
      HttpResponse<String> badText =
          post(service, "/wat2wasm", "(module (func (export \"f\") i32.bogus))");
      assertThat(badText.statusCode()).isEqualTo(400);
      assertThat(badText.body()).startsWith("wat2wasm rejected the text: ").contains("i32.bogus");
      assertThat(answer(service, "/coldstart")).startsWith("200 {\"kind\":\"engine-level");
    }
  }

  @Test
  void wat2wasmARealWorldWasiCommandTurnsTextIntoAModuleThatRuns() throws Exception {
    try (WasmService service =
        start(Strategies.create("shared", engine, 1, 0, Duration.ofSeconds(1)))) {
      HttpResponse<byte[]> response =
          client.send(
              HttpRequest.newBuilder(uri(service, "/wat2wasm"))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "(module (func (export \"answer\") (result i32) i32.const 42))"))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/wasm");
      byte[] module = response.body();
      assertThat(module).startsWith(0, 'a', 's', 'm');
      try (Module compiled = Module.fromBinary(engine, module);
          Store<Void> store = new Store<>(null, engine);
          Instance instance = new Instance(store, compiled, List.of())) {
        assertThat(instance.getFunc(store, "answer").get().call(store)[0].i32()).isEqualTo(42);
      }
    }
  }

  /** The guest's loop and host function, in Java. */
  static int expectedChecksum(int n) {
    int acc = 0;
    for (int i = 0; i < n; i++) {
      acc = (acc + i) * 31;
    }
    return acc ^ (acc >>> 7);
  }

  private WasmService start(InstanceStrategy strategy) throws Exception {
    return WasmService.start(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        engine,
        strategy,
        4,
        coldStart,
        new GroundTruthLog(null));
  }

  private String answer(WasmService service, String path) throws Exception {
    HttpResponse<String> response = get(service, path);
    return response.statusCode() + " " + response.body().trim();
  }

  private HttpResponse<String> post(WasmService service, String path, String body)
      throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(service, path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(WasmService service, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(service, path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(WasmService service, String path) {
    return URI.create("http://127.0.0.1:" + service.port() + path);
  }
}
