package io.sessionflow.bench.report;

import java.util.List;

import io.sessionflow.bench.app.MachineCpu;
import io.sessionflow.bench.broker.EndToEndLatencyResult;
import io.sessionflow.bench.broker.ProducerPerformanceResult;
import io.sessionflow.bench.pipeline.PipelineResult;

/**
 * The broker's own limit, measured on the app's broker in the same run, with the size of our
 * request events.
 *
 * @param eventProvider     whose request events gave the sizes
 * @param avgKeyBytes       their average key size
 * @param avgValueBytes     their average value size
 * @param perf              ProducerPerformance's steady-state summary (null if it was not run or failed)
 * @param perfRecords       records it sent
 * @param perfRecordSize    its record size: key plus value of our events (the tool sends no key)
 * @param perfProperties    its producer settings (the app's)
 * @param perfCpu           the machine's CPU while the tool ran, its own start included (null where unknown)
 * @param e2e               EndToEndLatency's result (null if it was not run or failed)
 * @param e2eRecords        records it sent
 */
public record BrokerLimit(
        String eventProvider,
        double avgKeyBytes,
        double avgValueBytes,
        ProducerPerformanceResult perf,
        long perfRecords,
        int perfRecordSize,
        List<String> perfProperties,
        MachineCpu.Usage perfCpu,
        EndToEndLatencyResult e2e,
        int e2eRecords) {

    public int keySize() {
        return (int) Math.round(avgKeyBytes);
    }

    public int valueSize() {
        return (int) Math.round(avgValueBytes);
    }

    /** The machine's CPU per record ProducerPerformance sent, in microseconds (NaN where unknown). */
    public double machineCpuMicrosPerRecord() {
        return perfCpu == null ? Double.NaN : perfCpu.microsEach(perfRecords);
    }

    /**
     * A pipeline session's cost to the machine in ProducerPerformance records (NaN where either is unknown): with
     * both keeping the machine busy, the pipeline's share of the producer's rate is at most its inverse.
     */
    public double sessionCostInRecords(PipelineResult pipeline) {
        return pipeline.machineCpuMicrosPerSession() / machineCpuMicrosPerRecord();
    }
}
