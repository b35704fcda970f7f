package dev.wasmlens.analysis.attribution;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Something slow whose time is split over causes: an operation or a request. */
public interface Attributed {
  /** The time by cause; the shares add up to the whole. */
  List<Share> shares();

  /**
   * The cause with the most time, its shares added up (two rules can name one cause: a pause and GC
   * threads, a measured wait and stolen time); unexplained included.
   */
  @JsonProperty("mainCause")
  default Cause mainCause() {
    Map<Cause, Long> byCause = new EnumMap<>(Cause.class);
    for (Share share : shares()) {
      byCause.merge(share.cause(), share.nanos(), Long::sum);
    }
    return byCause.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(Cause.UNEXPLAINED);
  }
}
