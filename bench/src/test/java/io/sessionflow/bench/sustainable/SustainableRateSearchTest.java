package io.sessionflow.bench.sustainable;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sessionflow.bench.load.LatencyStep;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SustainableRateSearchTest {

    private static final SustainableRateSearch.Settings SETTINGS = new SustainableRateSearch.Settings(
            100, 4_000, Duration.ofSeconds(10), 8, 0.05, Duration.ofMillis(50), Duration.ofSeconds(60), 3);

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
    void halvesTheFirstRateDownToAnEighthOfItWhileNoneHolds() {
        assertThat(search.next(0, Integer.MAX_VALUE)).isEqualTo(100);
        assertThat(search.next(0, 100)).isEqualTo(50);
        assertThat(search.next(0, 25)).isEqualTo(12);
        assertThat(search.next(0, 12)).as("an eighth of 100 failed: none").isZero();
        assertThat(search.next(25, 50)).as("then bisects as upwards").isEqualTo(37);
    }

    @Test
    void endsAtTheTopWhenTheHighestHolds() {
        assertThat(search.next(100, Integer.MAX_VALUE)).isEqualTo(200);
        assertThat(search.next(3_200, Integer.MAX_VALUE))
                .as("the doubling stops at the highest")
                .isEqualTo(4_000);
        assertThat(search.next(4_000, Integer.MAX_VALUE)).isZero();
        assertThat(search.next(1_000, 1_040)).as("within 5% of 1,000").isZero();
    }

    @Test
    void probesOnceMoreARateThatFailedOnItsP99AloneNearTheBoundAndFailsItOnlyWhenBothProbesFail()
            throws InterruptedException {
        Map<Integer, List<Long>> p99Micros = new HashMap<>(Map.of(
                100, new ArrayList<>(List.of(30_000L)),
                200, new ArrayList<>(List.of(60_000L, 45_000L)),
                400, new ArrayList<>(List.of(70_000L, 70_000L)),
                300, new ArrayList<>(List.of(200_000L))));
        List<Integer> probed = new ArrayList<>();
        SustainableRateResult result = search(4_000, 6, (rate, duration, first) -> {
            if (duration.equals(PROBE)) {
                probed.add(rate);
                return step(rate, p99Micros.get(rate).remove(0), Map.of());
            }
            return step(rate, 40_000, Map.of());
        });
        assertThat(probed)
                .as("200 again after a p99 of 60 ms, 400 failed twice, 300 once far past the bound")
                .containsExactly(100, 200, 200, 400, 400, 300);
        assertThat(result.probed()).isEqualTo(200);
        assertThat(result.confirmed()).isEqualTo(200);
    }

    @Test
    void confirmsFromTheHighestProbeSustainedDownwardsWhileAConfirmationFails() throws InterruptedException {
        List<Integer> confirmed = new ArrayList<>();
        SustainableRateResult result = search(100, 8, (rate, duration, first) -> {
            if (duration.equals(CONFIRMATION)) {
                confirmed.add(rate);
                return step(rate, rate > 75 ? 55_000 : 45_000, Map.of());
            }
            return step(rate, 40_000, Map.of());
        });
        assertThat(confirmed).containsExactly(100, 85, 72);
        assertThat(result.probed()).isEqualTo(100);
        assertThat(result.confirmed()).isEqualTo(72);
        assertThat(result.confirmations()).hasSize(3);
    }

    @Test
    void aSustainedStepHasNoErrorP99WithinTheBoundAndItsSchedule() {
        assertThat(search.sustained(step(100, 40_000, Map.of()))).isTrue();
        assertThat(search.sustained(step(100, 60_000, Map.of())))
                .as("p99 60 ms")
                .isFalse();
        assertThat(search.nearBound(step(100, 60_000, Map.of())))
                .as("p99 60 ms, nothing else wrong")
                .isTrue();
        assertThat(search.nearBound(step(100, 80_000, Map.of())))
                .as("p99 80 ms")
                .isFalse();
        assertThat(search.sustained(step(100, 40_000, Map.of("503", 1L))))
                .as("one 503")
                .isFalse();
        assertThat(search.nearBound(step(100, 40_000, Map.of("503", 1L))))
                .as("one 503: not a second probe")
                .isFalse();
    }

    private static final Duration PROBE = Duration.ofSeconds(5);
    private static final Duration CONFIRMATION = Duration.ofMinutes(1);

    /** A search from 100 req/s, p99 at most 50 ms, up to three confirmations, on a scripted load. */
    private static SustainableRateResult search(int to, int probes, SustainableRateSearch.Load load)
            throws InterruptedException {
        return new SustainableRateSearch(
                        new SustainableRateSearch.Settings(
                                100, to, PROBE, probes, 0.05, Duration.ofMillis(50), CONFIRMATION, 3),
                        load,
                        line -> {},
                        Duration.ZERO)
                .run("chat", 0);
    }

    /** Ten seconds at the rate, every success taking the same time, and the errors beside them. */
    private static LatencyStep step(int rate, long latencyMicros, Map<String, Long> errors) {
        long sent = 10L * rate;
        long succeeded =
                sent - errors.values().stream().mapToLong(Long::longValue).sum();
        Histogram latency = new Histogram(3);
        latency.recordValueWithCount(latencyMicros, succeeded);
        return new LatencyStep(
                "chat",
                rate,
                10,
                sent,
                (sent - 1) * 1_000_000_000L / rate,
                10_500_000_000L,
                succeeded,
                errors,
                Map.of(),
                latency,
                new Histogram(3),
                -1);
    }
}
