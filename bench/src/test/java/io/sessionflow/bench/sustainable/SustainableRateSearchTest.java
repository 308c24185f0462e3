package io.sessionflow.bench.sustainable;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.sessionflow.bench.load.LatencyStep;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SustainableRateSearchTest {

    private static final SustainableRateSearch.Settings SETTINGS = new SustainableRateSearch.Settings(
            100, 4_000, Duration.ofSeconds(10), 8, 0.05, Duration.ofMillis(50), Duration.ofSeconds(60));

    private final SustainableRateSearch search = new SustainableRateSearch(SETTINGS, null, line -> {}, Duration.ZERO);

    @Test
    void doublesUntilARateFailsThenBisectsBetweenTheLastSustainedAndTheFirstFailedWithinItsProbes() {
        int capacity = 1_234;
        List<Integer> probed = new ArrayList<>();
        int sustained = 0;
        int failed = Integer.MAX_VALUE;
        for (int rate = SETTINGS.from(); rate > 0 && probed.size() < SETTINGS.probes(); ) {
            probed.add(rate);
            if (rate <= capacity) {
                sustained = rate;
            } else {
                failed = rate;
            }
            rate = search.next(sustained, failed);
        }
        assertThat(probed).startsWith(100, 200, 400, 800, 1_600, 1_200);
        assertThat(probed)
                .as("never far past capacity")
                .allSatisfy(rate -> assertThat(rate).isLessThan(2 * capacity));
        assertThat(probed).hasSize(8);
        assertThat(sustained).isBetween((int) (capacity * 0.9), capacity);
    }

    @Test
    void endsWithNoneWhenTheFirstRateFailsAndAtTheTopWhenTheHighestHolds() {
        assertThat(search.next(0, 100)).isZero();
        assertThat(search.next(100, Integer.MAX_VALUE)).isEqualTo(200);
        assertThat(search.next(3_200, Integer.MAX_VALUE))
                .as("the doubling stops at the highest")
                .isEqualTo(4_000);
        assertThat(search.next(4_000, Integer.MAX_VALUE)).isZero();
        assertThat(search.next(1_000, 1_040)).as("within 5% of 1,000").isZero();
    }

    @Test
    void aSustainedStepHasNoErrorP99WithinTheBoundAndItsSchedule() {
        assertThat(search.sustained(step(1_000, 40_000, Map.of()))).isTrue();
        assertThat(search.sustained(step(1_000, 60_000, Map.of())))
                .as("p99 60 ms")
                .isFalse();
        assertThat(search.sustained(step(999, 40_000, Map.of("503", 1L))))
                .as("one 503")
                .isFalse();
    }

    private static LatencyStep step(long succeeded, long latencyMicros, Map<String, Long> errors) {
        Histogram latency = new Histogram(3);
        for (long i = 0; i < succeeded; i++) {
            latency.recordValue(latencyMicros);
        }
        long sent =
                succeeded + errors.values().stream().mapToLong(Long::longValue).sum();
        return new LatencyStep(
                "chat",
                100,
                10,
                sent,
                (sent - 1) * 10_000_000L,
                10_500_000_000L,
                succeeded,
                errors,
                Map.of(),
                latency,
                new Histogram(3));
    }
}
