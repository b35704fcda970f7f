package dev.wasmlens.demo.load;

import java.net.URI;
import java.time.Duration;

/**
 * What to send, how fast and for how long.
 *
 * @param target the URL every request goes to; only loopback hosts are accepted
 * @param openLoop true for a constant offered rate, false for back-to-back requests per connection
 * @param ratePerSecond the offered rate of the open loop; ignored by the closed loop
 * @param connections concurrent senders
 * @param warmUp how long to send before measuring (results of this period are discarded)
 * @param duration how long to measure
 * @param maxRequests stop measuring after this many requests even if {@code duration} has not
 *     passed
 */
public record LoadOptions(
    URI target,
    boolean openLoop,
    double ratePerSecond,
    int connections,
    Duration warmUp,
    Duration duration,
    long maxRequests) {

  /** Checks the options; the messages name the bad value. */
  public LoadOptions {
    String host = target.getHost();
    if (host == null
        || !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"))) {
      throw new IllegalArgumentException(
          "the load generator only targets loopback addresses, not " + target);
    }
    if (openLoop && !(ratePerSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive, got " + ratePerSecond);
    }
    if (connections < 1) {
      throw new IllegalArgumentException("connections must be at least 1, got " + connections);
    }
    if (duration.isNegative() || duration.isZero() || warmUp.isNegative()) {
      throw new IllegalArgumentException("duration must be positive and warm-up not negative");
    }
    if (maxRequests < 1) {
      throw new IllegalArgumentException("max requests must be at least 1, got " + maxRequests);
    }
  }
}
