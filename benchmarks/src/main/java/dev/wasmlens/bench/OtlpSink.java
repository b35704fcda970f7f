package dev.wasmlens.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A live OTLP/HTTP endpoint that accepts every export and keeps nothing: the exporter does all its
 * real work (serializing, sending over loopback), while the sink costs the machine little.
 */
final class OtlpSink implements AutoCloseable {
  private final HttpServer server;
  private final AtomicLong requests = new AtomicLong();

  OtlpSink() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange;
              InputStream body = exchange.getRequestBody()) {
            body.transferTo(OutputStream.nullOutputStream());
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
          }
        });
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Export requests received so far. */
  long requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
