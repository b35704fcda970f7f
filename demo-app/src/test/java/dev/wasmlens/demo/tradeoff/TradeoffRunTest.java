package dev.wasmlens.demo.tradeoff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two strategies measured for real, each in its own service JVM; the table holds what was measured.
 */
class TradeoffRunTest {
  private static final double RATE = 100;

  @TempDir Path out;

  @Test
  void everyNumberInTheTableComesFromTheRun() throws Exception {
    List<String> progress = new ArrayList<>();
    List<TradeoffRow> rows =
        new TradeoffRun(
                List.of("fresh-instance", "shared"),
                RATE,
                4,
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                null,
                out,
                List.of("--workers", "4"))
            .run(progress::add);

    assertThat(rows).extracting(TradeoffRow::strategy).containsExactly("fresh-instance", "shared");
    for (TradeoffRow row : rows) {
      assertThat(row.load().errors()).isZero();
      assertThat(row.load().requests()).isBetween(190L, 201L);
      assertThat(row.load().throughputPerSecond()).isBetween(RATE * 0.9, RATE * 1.05);
      assertThat(row.load().p50Nanos()).isPositive().isLessThanOrEqualTo(row.load().p99Nanos());
      assertThat(row.cpuPercent()).isPositive();
      assertThat(row.residentBytes()).isGreaterThan(10L * 1024 * 1024);
      assertThat(row.firstRequestNanos()).isPositive();
      assertThat(row.coldStart().compileNanos()).isPositive();
      assertThat(row.coldStart().nativeLoadNanos()).isPositive();
      assertThat(Files.readString(out.resolve(row.strategy() + ".log")))
          .contains("serving http://127.0.0.1:");
    }
    // fresh-instance instantiates for every request (warm-up, first request and measured ones);
    // shared never.
    assertThat(rows.get(0).coldStartsPaid()).isGreaterThanOrEqualTo(rows.get(0).load().requests());
    assertThat(rows.get(1).coldStartsPaid()).isZero();
    assertThat(rows.get(1).isolation()).startsWith("none");
    assertThat(progress).anyMatch(line -> line.startsWith("[2/2] shared: starting the service"));

    String markdown = TradeoffTable.markdown(rows, "test machine", "test command");
    assertThat(markdown)
        .contains("| fresh-instance | instance: own store and memory per request")
        .contains("| shared | none:")
        .contains("Reading: at the same offered load")
        .contains("Command: `test command`");
    Path json = out.resolve("tradeoffs.json");
    TradeoffTable.writeJson(rows, json);
    JsonNode written = new ObjectMapper().readTree(json.toFile());
    assertThat(written).hasSize(2);
    assertThat(written.get(1).get("load").get("p99Nanos").asLong())
        .isEqualTo(rows.get(1).load().p99Nanos());
    assertThat(written.get(0).get("coldStart").get("compileNanos").asLong()).isPositive();
    // The measured window, as the analyzer's --from/--to take it.
    assertThat(Instant.parse(written.get(1).get("load").get("measuredFrom").asText()))
        .isEqualTo(rows.get(1).load().measuredFrom());
  }
}
