package io.sessionflow.bench.overload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.sessionflow.bench.load.LatencyStep;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The overload section's "where the time goes" table: per step, the client's 503 p99 beside the app's arrival delay,
 * CPU shares and load average, and n/a where the app did not report one.
 */
class OverloadReportTest {

    @Test
    void eachStepSaysWhereTheTimeWentBeforeTheFiltersAndHowBusyTheCpuWas() {
        Histogram refused = new Histogram(3);
        refused.recordValueWithCount(400_000, 100);
        OverloadResult.Step capacity =
                new OverloadResult.Step(step(1000, 0), 120, new AppSignals(0.4, 2.5, 9.0, 0.61, 0.93, 7.5));
        OverloadResult.Step twice = new OverloadResult.Step(step(2000, 100), 100, AppSignals.NONE);
        OverloadResult result = new OverloadResult(
                "chat",
                List.of(capacity),
                1000,
                capacity,
                List.of(new OverloadResult.Overloaded(2, twice, refused)),
                List.of(),
                3,
                40);

        String md = OverloadReport.render(result);

        assertThat(md).contains("### Where the time goes");
        assertThat(md).contains("| capacity |  | 0.4 / 2.5 / 9.0 | 61.0% | 93.0% | 7.50 |");
        assertThat(md).contains("| 2.00 × | 400.1 | n/a / n/a / n/a | n/a | n/a | n/a |");
    }

    @Test
    void everyStepPastCapacityIsJudgedNotOnlyTheLast() {
        OverloadResult.Step capacity = new OverloadResult.Step(step(1000, 0), 120, AppSignals.NONE);
        Histogram slowRefusals = new Histogram(3);
        slowRefusals.recordValueWithCount(60_000, 100);
        Histogram quickRefusals = new Histogram(3);
        quickRefusals.recordValueWithCount(5_000, 100);
        OverloadResult result = new OverloadResult(
                "chat",
                List.of(capacity),
                1000,
                capacity,
                List.of(
                        new OverloadResult.Overloaded(
                                2, new OverloadResult.Step(step(2000, 100), 100, AppSignals.NONE), slowRefusals),
                        new OverloadResult.Overloaded(
                                3, new OverloadResult.Step(step(3000, 100), 100, AppSignals.NONE), quickRefusals)),
                List.of(),
                0,
                40);

        String md = OverloadReport.render(result);

        assertThat(md)
                .contains(
                        "| at 2.00 × capacity, the excess answered 503 within 50 ms (p99), and nothing else | 100 × 503, "
                                + "p99 60.0 ms; other errors 0 | **FAIL** |")
                .contains(
                        "| at 3.00 × capacity, the excess answered 503 within 50 ms (p99), and nothing else | 100 × 503, "
                                + "p99 5.0 ms; other errors 0 | **pass** |")
                .contains("| at 2.00 × capacity, goodput ≥ 90% of capacity |");
    }

    private static LatencyStep step(int rate, long errors503) {
        Histogram latency = new Histogram(3);
        latency.recordValueWithCount(20_000, 1000);
        Histogram lag = new Histogram(3);
        lag.recordValueWithCount(50, 1000);
        long sent = rate * 10L;
        return new LatencyStep(
                "chat",
                rate,
                10,
                sent,
                (sent - 1) * 1_000_000_000L / rate,
                Duration.ofSeconds(10).toNanos(),
                sent - errors503,
                errors503 == 0 ? Map.of() : Map.of("503", errors503),
                Map.of(),
                latency,
                lag,
                -1);
    }
}
