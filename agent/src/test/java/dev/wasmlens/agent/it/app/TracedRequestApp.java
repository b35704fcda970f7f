package dev.wasmlens.agent.it.app;

import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An application that uses the OpenTelemetry API itself (its own version and SDK): it opens a
 * "request" span, runs wasm inside it, and prints the span's ids: {@code TracedRequestApp
 * WASM_DIR}.
 */
public final class TracedRequestApp {
  public static void main(String[] args) throws Exception {
    SdkTracerProvider tracerProvider = SdkTracerProvider.builder().build();
    Tracer tracer = tracerProvider.get("traced-request-app");
    Span request = tracer.spanBuilder("request").startSpan();
    try (Scope scope = request.makeCurrent();
        Engine engine = new Engine();
        Module module = new Module(engine, Files.readAllBytes(Path.of(args[0], "add.wasm")));
        Store<Void> store = new Store<>(null, engine);
        Instance instance = new Instance(store, module, List.of())) {
      Func add = instance.getFunc(store, "add").get();
      System.out.println("sum " + add.call(store, Val.fromI32(40), Val.fromI32(2))[0].i32());
    } finally {
      request.end();
    }
    System.out.println("request trace " + request.getSpanContext().getTraceId());
    System.out.println("request span " + request.getSpanContext().getSpanId());
    tracerProvider.close();
  }
}
