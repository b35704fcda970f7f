package dev.wasmlens.demo.load;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;

/**
 * What a load run measured, warm-up excluded. Latencies in nanoseconds, from each request's
 * intended send time in an open loop (so a stall is charged to every request it delayed), from its
 * actual send time in a closed loop.
 *
 * @param offeredRatePerSecond the open loop's target rate; 0 for a closed loop
 * @param requests requests measured
 * @param errors requests that failed or were answered with a status other than 200
 * @param seconds measured wall time
 * @param measuredFrom when the measured window began (the warm-up ended), by the wall clock
 *     (ISO-8601 in JSON)
 * @param measuredTo when it ended
 */
public record LoadReport(
    boolean openLoop,
    double offeredRatePerSecond,
    long requests,
    long errors,
    double seconds,
    long p50Nanos,
    long p90Nanos,
    long p99Nanos,
    long p999Nanos,
    long maxNanos,
    @JsonSerialize(using = ToStringSerializer.class) Instant measuredFrom,
    @JsonSerialize(using = ToStringSerializer.class) Instant measuredTo) {

  /** Completed requests per second. */
  public double throughputPerSecond() {
    return seconds > 0 ? requests / seconds : 0;
  }
}
