package io.sessionflow.bench.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.sessionflow.bench.app.AppMemory;
import io.sessionflow.bench.load.LatencyStep;
import io.sessionflow.bench.pipeline.PipelineResult;

/**
 * Everything one benchmark run measured, for the report.
 *
 * @param resultsDir       where the report and the raw files are
 * @param command          the command that ran it
 * @param settings         the run's settings, by name, in display order
 * @param brokerHops       Kafka hops on each provider's create path
 * @param latency          every measured step (warm-ups excluded)
 * @param generatorFloor   the load generator against a no-op server, per provider, at the highest rate
 * @param brokerLimit      null when the broker phase did not run
 * @param pipeline         every pipeline run
 * @param memory           the app's memory in each phase (latency app and pipeline apps)
 * @param exactlyOnce      what showed that exactly-once processing was on, or null
 * @param loadAverageAtEnd the load average when the run ended
 * @param failures         phases that failed, with why
 */
public record BenchResult(
        Path resultsDir,
        Instant startedAt,
        Instant finishedAt,
        Machine machine,
        String command,
        Map<String, String> settings,
        Map<String, Integer> brokerHops,
        List<LatencyStep> latency,
        List<LatencyStep> generatorFloor,
        BrokerLimit brokerLimit,
        List<PipelineResult> pipeline,
        List<AppMemory> memory,
        String exactlyOnce,
        String loadAverageAtEnd,
        List<String> failures) {

    /** The latency steps by provider, providers in the order they ran, each provider's steps in order. */
    public Map<String, List<LatencyStep>> latencyByProvider() {
        return latency.stream()
                .collect(Collectors.groupingBy(LatencyStep::provider, LinkedHashMap::new, Collectors.toList()));
    }
}
