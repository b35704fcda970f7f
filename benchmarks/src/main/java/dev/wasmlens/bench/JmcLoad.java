package dev.wasmlens.bench;

import java.io.File;
import java.util.concurrent.Callable;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * JDK Mission Control's loader on a recording, for the analyzer's comparison: loads every event
 * (JMC keeps them all in memory) and counts them.
 */
@Command(name = "jmc-load", hidden = true)
final class JmcLoad implements Callable<Integer> {
  @Parameters(index = "0")
  File recording;

  @Override
  public Integer call() throws Exception {
    IItemCollection events = JfrLoaderToolkit.loadEvents(recording);
    long count = 0;
    for (IItemIterable items : events) {
      count += items.getItemCount();
    }
    System.out.println("events " + count);
    return 0;
  }
}
