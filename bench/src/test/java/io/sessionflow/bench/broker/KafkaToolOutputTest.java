package io.sessionflow.bench.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class KafkaToolOutputTest {

    @Test
    void producerPerformancePrefersTheSteadyStateSummary() {
        List<String> output = List.of(
                "Warmup first 100 records. Steady state results will print after the complete test summary.",
                "5000 records sent, 999.8 records/sec (0.24 MB/sec), 3.1 ms avg latency, 40.0 ms max latency.",
                "10000 records sent, 48213.114754 records/sec (11.59 MB/sec), 12.34 ms avg latency, 456.00 ms max latency, "
                        + "10 ms 50th, 20 ms 95th, 30 ms 99th, 40 ms 99.9th.",
                "9900 steady state records sent, 50123.500000 records/sec (12.05 MB/sec), 11.00 ms avg latency, "
                        + "400.00 ms max latency, 9 ms 50th, 19 ms 95th, 29 ms 99th, 39 ms 99.9th.");

        ProducerPerformanceResult result =
                ProducerPerformanceResult.parse(output).orElseThrow();

        assertThat(result.steadyState()).isTrue();
        assertThat(result.records()).isEqualTo(9900);
        assertThat(result.recordsPerSecond()).isEqualTo(50123.5);
        assertThat(result.megabytesPerSecond()).isEqualTo(12.05);
        assertThat(result.avgLatencyMillis()).isEqualTo(11.0);
        assertThat(result.maxLatencyMillis()).isEqualTo(400.0);
        assertThat(List.of(result.p50Millis(), result.p95Millis(), result.p99Millis(), result.p999Millis()))
                .containsExactly(9, 19, 29, 39);
    }

    @Test
    void producerPerformanceWithoutWarmupGivesTheOverallSummary() {
        ProducerPerformanceResult result = ProducerPerformanceResult.parse(List.of(
                        "10000 records sent, 48213.114754 records/sec (11.59 MB/sec), 12.34 ms avg latency, 456.00 ms max "
                                + "latency, 10 ms 50th, 20 ms 95th, 30 ms 99th, 40 ms 99.9th."))
                .orElseThrow();

        assertThat(result.steadyState()).isFalse();
        assertThat(result.records()).isEqualTo(10000);
        assertThat(result.recordsPerSecond()).isEqualTo(48213.114754);
    }

    @Test
    void producerPerformanceWithoutSummaryIsEmpty() {
        assertThat(
                        ProducerPerformanceResult.parse(
                                List.of(
                                        "5000 records sent, 999.8 records/sec (0.24 MB/sec), 3.1 ms avg latency, 40.0 ms max latency.")))
                .isEmpty();
    }

    @Test
    void endToEndLatencyKeepsTheSubMillisecondMean() {
        List<String> output = List.of(
                "Topic \"t\" does not exist. Will create topic with 1 partition(s) and " + "replication factor = 1",
                "0\t12.5",
                "Avg latency: 0.8123 ms",
                "Percentiles: 50th = 0, 99th = 3, 99.9th = 12");

        EndToEndLatencyResult result = EndToEndLatencyResult.parse(output).orElseThrow();

        assertThat(result.avgMillis()).isEqualTo(0.8123);
        assertThat(List.of(result.p50Millis(), result.p99Millis(), result.p999Millis()))
                .containsExactly(0, 3, 12);
    }

    @Test
    void endToEndLatencyWithoutPercentilesIsEmpty() {
        assertThat(EndToEndLatencyResult.parse(List.of("Avg latency: 0.8123 ms")))
                .isEmpty();
    }
}
