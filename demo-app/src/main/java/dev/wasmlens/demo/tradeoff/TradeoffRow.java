package dev.wasmlens.demo.tradeoff;

import dev.wasmlens.demo.load.LoadReport;
import dev.wasmlens.demo.service.ColdStart;

/**
 * One strategy's measurements.
 *
 * @param firstRequestNanos the first request to the freshly started service, as the client saw it
 * @param coldStartsPaid requests that had to wait for an instance to be created
 * @param cpuPercent the service's CPU time over the measured window, in percent of one core
 * @param residentBytes the service process's resident memory at the end
 * @param recording the agent's recording of this run, or null without the agent
 */
public record TradeoffRow(
    String strategy,
    String isolation,
    ColdStart coldStart,
    long firstRequestNanos,
    long coldStartsPaid,
    LoadReport load,
    double cpuPercent,
    long residentBytes,
    String recording) {}
