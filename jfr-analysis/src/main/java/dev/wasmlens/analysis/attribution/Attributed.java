package dev.wasmlens.analysis.attribution;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Comparator;
import java.util.List;

/** Something slow whose time is split over causes: an operation or a request. */
public interface Attributed {
  /** The time by cause; the shares add up to the whole. */
  List<Share> shares();

  /** The cause with the largest share (unexplained included). */
  @JsonProperty("mainCause")
  default Cause mainCause() {
    return shares().stream()
        .max(Comparator.comparingLong(Share::nanos))
        .map(Share::cause)
        .orElse(Cause.UNEXPLAINED);
  }
}
