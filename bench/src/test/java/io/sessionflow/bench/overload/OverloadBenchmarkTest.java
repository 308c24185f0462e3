package io.sessionflow.bench.overload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.sessionflow.bench.BenchOptions;
import io.sessionflow.bench.load.LatencyStep;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** When a ramp step counts as sustained: what the capacity, and so every multiple of it, is measured from. */
class OverloadBenchmarkTest {

    /** the defaults: a sustained step's p99 at most 1 s */
    private final OverloadBenchmark benchmark =
            new OverloadBenchmark(BenchOptions.defaults().overload(), null, null, null, line -> {}, Duration.ZERO);

    @Test
    void aStepIsSustainedWithEveryCallAnsweredOrAtMostOneInAThousandRefused() {
        assertThat(benchmark.sustained(step(10_000, Map.of(), 20_000))).isTrue();
        assertThat(benchmark.sustained(step(10_000, Map.of("503", 10L), 20_000)))
                .as("10 refusals of 10,000")
                .isTrue();
        assertThat(benchmark.sustained(step(10_000, Map.of("503", 11L), 20_000)))
                .as("11 refusals of 10,000")
                .isFalse();
    }

    @Test
    void anyOtherErrorOrASlowP99EndsTheRamp() {
        assertThat(benchmark.sustained(step(10_000, Map.of("timeout", 1L), 20_000)))
                .isFalse();
        assertThat(benchmark.sustained(step(10_000, Map.of("503", 1L, "500", 1L), 20_000)))
                .isFalse();
        assertThat(benchmark.sustained(step(10_000, Map.of(), 1_500_000)))
                .as("p99 1.5 s")
                .isFalse();
    }

    private static LatencyStep step(long sent, Map<String, Long> errors, long latencyMicros) {
        long failed = errors.values().stream().mapToLong(Long::longValue).sum();
        Histogram latency = new Histogram(3);
        latency.recordValueWithCount(latencyMicros, sent - failed);
        Histogram lag = new Histogram(3);
        lag.recordValueWithCount(50, sent);
        return new LatencyStep(
                "chat",
                1000,
                10,
                sent,
                Duration.ofSeconds(10).toNanos(),
                Duration.ofSeconds(10).toNanos(),
                sent - failed,
                errors,
                Map.of(),
                latency,
                lag,
                -1);
    }
}
