package dev.wasmlens.bench;

import java.io.File;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;

/**
 * JDK Mission Control's loader on a recording, for the analyzer's comparison: loads every event
 * (JMC keeps them all in memory) and counts them. A main of its own, not a {@link BenchMain}
 * command: naming JMC's classes there made every benchmark child load them (+0.6 s of start-up).
 *
 * <pre>{@code java -cp wasmlens-bench.jar dev.wasmlens.bench.JmcLoad recording.jfr}</pre>
 */
public final class JmcLoad {
  private JmcLoad() {}

  public static void main(String[] args) throws Exception {
    IItemCollection events = JfrLoaderToolkit.loadEvents(new File(args[0]));
    long count = 0;
    for (IItemIterable items : events) {
      count += items.getItemCount();
    }
    System.out.println("events " + count);
  }
}
