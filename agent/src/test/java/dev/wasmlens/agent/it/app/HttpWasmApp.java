package dev.wasmlens.agent.it.app;

import com.sun.net.httpserver.HttpServer;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A tiny HTTP service whose handler runs wasm per request (a fresh store and instance, then a
 * call), and which sends itself {@code REQUESTS} requests before it stops: {@code HttpWasmApp
 * WASM_DIR REQUESTS}. Under the OpenTelemetry Java agent each request gets a server span, under
 * which the wasm spans must appear.
 */
public final class HttpWasmApp {
  public static void main(String[] args) throws Exception {
    int requests = Integer.parseInt(args[1]);
    try (Engine engine = new Engine();
        Module module = new Module(engine, Files.readAllBytes(Path.of(args[0], "add.wasm")))) {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/add",
          exchange -> {
            int sum;
            try (Store<Void> store = new Store<>(null, engine);
                Instance instance = new Instance(store, module, List.of())) {
              Func add = instance.getFunc(store, "add").get();
              sum = add.call(store, Val.fromI32(20), Val.fromI32(22))[0].i32();
            }
            byte[] body = String.valueOf(sum).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      server.start();
      HttpClient client = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/add");
      for (int i = 0; i < requests; i++) {
        HttpResponse<String> response =
            client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println("response " + response.statusCode() + " " + response.body());
      }
      server.stop(0);
    }
  }
}
