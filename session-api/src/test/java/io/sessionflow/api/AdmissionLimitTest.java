package io.sessionflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * The admission limit on its own, on a clock the test moves: a fixed limit refuses past it and admits again once a
 * call ends; the adaptive one shrinks while the calls' latency from their receipt is over the target (or they end in
 * their own 503) and grows back while it is within it.
 */
class AdmissionLimitTest {

    private final AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(1000));

    @Test
    void aFixedLimitRefusesPastItAndAdmitsAgainOnceACallEnds() {
        AdmissionLimit limit = AdmissionLimit.fixed(2);

        AdmissionLimit.Admission first = limit.tryAdmit(now.get()).orElseThrow();
        assertThat(limit.tryAdmit(now.get())).isPresent();
        assertThat(limit.tryAdmit(now.get())).as("past the limit").isEmpty();
        assertThat(limit.inFlight()).isEqualTo(2);

        first.ignored();
        first.answered(false);
        assertThat(limit.inFlight())
                .as("a call ends once, whatever is reported after")
                .isEqualTo(1);
        assertThat(limit.tryAdmit(now.get())).isPresent();
    }

    @Test
    void theAdaptiveLimitShrinksWhileCallsAreSlowerThanTheTargetAndGrowsBackWhenTheyAreNot() {
        AdmissionLimit limit = AdmissionLimit.of(
                new AdmissionProperties(true, 50, 10, 200, Duration.ofMillis(100), Duration.ZERO), now::get);

        run(limit, Duration.ofMillis(400), false);
        assertThat(limit.limit()).as("after 8 s of calls answered in 400 ms").isEqualTo(10);

        run(limit, Duration.ofMillis(20), false);
        int recovered = limit.limit();
        assertThat(recovered).as("after 8 s of calls answered in 20 ms").isGreaterThan(50);

        run(limit, Duration.ofMillis(20), true);
        assertThat(limit.limit())
                .as("after 8 s of calls that ended in their own 503")
                .isEqualTo(10);
    }

    /** For 8 s, rounds of as many concurrent calls as the limit allows, each taking {@code latency}. */
    private void run(AdmissionLimit limit, Duration latency, boolean unavailable) {
        long end = now.get() + TimeUnit.SECONDS.toNanos(8);
        while (now.get() < end) {
            long received = now.get();
            List<AdmissionLimit.Admission> admitted = new ArrayList<>();
            for (var admission = limit.tryAdmit(received);
                    admission.isPresent();
                    admission = limit.tryAdmit(received)) {
                admitted.add(admission.get());
            }
            now.addAndGet(latency.toNanos());
            admitted.forEach(admission -> admission.answered(unavailable));
        }
    }
}
