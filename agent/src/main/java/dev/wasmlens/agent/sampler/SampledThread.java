package dev.wasmlens.agent.sampler;

import dev.wasmlens.agent.bootstrap.SchedStat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One thread as the sampler follows it: its open {@code schedstat} and its last readings. */
final class SampledThread implements AutoCloseable {
  /**
   * Kernel names of the JVM's GC and JIT compiler threads. They sit idle between bursts (a
   * collection, a compile) that are what the analyzer names apart, so they are read every round
   * even when idle: a burst spread over ten idle periods would count as another process's CPU.
   */
  private static final List<String> BURSTY_PREFIXES =
      List.of(
          "GC Thread",
          "G1 ",
          "VM Thread",
          "ZWorker",
          "Shenandoah",
          "C1 CompilerThre",
          "C2 CompilerThre");

  final long osThreadId;
  private final Path folder;
  private final SchedStat stat;
  private String name;
  private boolean nameSettled;
  private long lastCpuNanos;
  private long lastRunQueueNanos;
  private ThreadSampleEvent pending;
  private boolean idle;
  private boolean bursty;

  private SampledThread(long osThreadId, Path folder, SchedStat stat) {
    this.osThreadId = osThreadId;
    this.folder = folder;
    this.stat = stat;
  }

  /**
   * Starts following the thread whose {@code /proc} folder is {@code folder}; its first interval
   * starts now.
   *
   * @throws IOException when the thread has ended already
   */
  static SampledThread open(long osThreadId, Path folder) throws IOException {
    SampledThread thread =
        new SampledThread(osThreadId, folder, SchedStat.open(folder.resolve("schedstat")));
    if (!thread.stat.read()) {
      thread.close();
      throw new IOException("thread " + osThreadId + " ended");
    }
    thread.lastCpuNanos = thread.stat.onCpuNanos();
    thread.lastRunQueueNanos = thread.stat.runQueueNanos();
    thread.readName();
    thread.pending = new ThreadSampleEvent();
    thread.pending.begin();
    return thread;
  }

  /**
   * A Java thread is usually named just after it starts, so a thread's name is read once more at
   * the first rescan after it was found.
   */
  void settleName() {
    if (!nameSettled) {
      nameSettled = true;
      readName();
    }
  }

  /**
   * Reads the thread's counters and commits what it did since the last sample, if anything; the
   * next interval starts now.
   *
   * @return the CPU nanoseconds of the interval; -1 when the thread has ended
   */
  long sample() {
    if (!stat.read()) {
      return -1;
    }
    long cpu = stat.onCpuNanos() - lastCpuNanos;
    long runQueue = stat.runQueueNanos() - lastRunQueueNanos;
    lastCpuNanos = stat.onCpuNanos();
    lastRunQueueNanos = stat.runQueueNanos();
    idle = cpu == 0 && runQueue == 0;
    if (!idle) {
      pending.end();
      pending.osThreadId = osThreadId;
      pending.threadName = name;
      pending.cpuTime = cpu;
      pending.runQueueWait = runQueue;
      pending.commit();
      pending = new ThreadSampleEvent();
    }
    pending.begin(); // the next interval starts at this reading, whenever the next one is
    return cpu;
  }

  /**
   * Whether the thread neither ran nor waited for a CPU between its last two samples, and is not
   * one of the JVM's bursty GC or JIT threads: the sampler reads such a thread less often.
   */
  boolean idle() {
    return idle && !bursty;
  }

  @Override
  public void close() {
    stat.close();
  }

  private void readName() {
    try {
      name = new String(Files.readAllBytes(folder.resolve("comm")), StandardCharsets.UTF_8).strip();
      bursty = BURSTY_PREFIXES.stream().anyMatch(name::startsWith);
    } catch (IOException e) {
      // Gone between the two reads: the next sample finds it ended.
    }
  }
}
