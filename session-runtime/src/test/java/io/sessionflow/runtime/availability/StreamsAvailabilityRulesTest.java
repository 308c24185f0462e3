package io.sessionflow.runtime.availability;

import static org.apache.kafka.streams.KafkaStreams.State.ERROR;
import static org.apache.kafka.streams.KafkaStreams.State.NOT_RUNNING;
import static org.apache.kafka.streams.KafkaStreams.State.PENDING_ERROR;
import static org.apache.kafka.streams.KafkaStreams.State.PENDING_SHUTDOWN;
import static org.apache.kafka.streams.KafkaStreams.State.REBALANCING;
import static org.apache.kafka.streams.KafkaStreams.State.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.availability.LivenessState.BROKEN;
import static org.springframework.boot.availability.LivenessState.CORRECT;
import static org.springframework.boot.availability.ReadinessState.ACCEPTING_TRAFFIC;
import static org.springframework.boot.availability.ReadinessState.REFUSING_TRAFFIC;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** States in, availability out, at times the test chooses: two apps, a grace of 5 s. */
class StreamsAvailabilityRulesTest {

    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final StreamsAvailabilityRules rules =
            new StreamsAvailabilityRules(List.of("processor", "projections"), GRACE, T0);

    private static Instant at(double seconds) {
        return T0.plusMillis((long) (seconds * 1000));
    }

    private void bothRunningAt(double seconds) {
        rules.record("processor", RUNNING, at(seconds));
        rules.record("projections", RUNNING, at(seconds));
        assertThat(rules.evaluate(at(seconds)).readiness()).isEqualTo(ACCEPTING_TRAFFIC);
    }

    @Test
    void everyAppRunsSinceTheLatestOfThemEnteredRunningAndARebalanceStartsTheCountAgain() {
        assertThat(rules.allRunningSince()).as("created").isEmpty();
        rules.record("processor", RUNNING, at(1));
        rules.record("projections", RUNNING, at(2));
        assertThat(rules.allRunningSince()).contains(at(2));

        rules.record("processor", REBALANCING, at(2.1));
        assertThat(rules.allRunningSince()).as("the rebalance after a join").isEmpty();
        rules.record("processor", RUNNING, at(3));
        assertThat(rules.allRunningSince()).contains(at(3));
    }

    @Test
    void createdAppsAreAliveButNotReady() {
        assertThat(rules.evaluate(T0)).isEqualTo(new StreamsAvailabilityRules.Availability(CORRECT, REFUSING_TRAFFIC));
    }

    @Test
    void aRestoreOfAnyLengthBeforeTheFirstRunKeepsTheAppAliveAndNotReady() {
        rules.record("processor", REBALANCING, at(1));
        rules.record("projections", REBALANCING, at(1));
        rules.record("processor", RUNNING, at(30));

        assertThat(rules.evaluate(at(600)))
                .isEqualTo(new StreamsAvailabilityRules.Availability(CORRECT, REFUSING_TRAFFIC));
        assertThat(rules.nextCheck())
                .as("nothing changes without a state change")
                .isEmpty();
    }

    @Test
    void everyAppRunningIsReady() {
        rules.record("processor", RUNNING, at(1));
        assertThat(rules.evaluate(at(1)).readiness())
                .as("one app still created")
                .isEqualTo(REFUSING_TRAFFIC);

        rules.record("projections", REBALANCING, at(2));
        rules.record("projections", RUNNING, at(3));

        assertThat(rules.evaluate(at(3)))
                .isEqualTo(new StreamsAvailabilityRules.Availability(CORRECT, ACCEPTING_TRAFFIC));
    }

    @Test
    void aRebalanceShorterThanTheGraceKeepsReadinessThenALongerOneRefusesUntilEveryAppRunsAgain() {
        bothRunningAt(1);
        rules.record("projections", REBALANCING, at(10));

        assertThat(rules.evaluate(at(14.999)))
                .isEqualTo(new StreamsAvailabilityRules.Availability(CORRECT, ACCEPTING_TRAFFIC));
        assertThat(rules.nextCheck()).contains(at(15));
        assertThat(rules.evaluate(at(15)))
                .isEqualTo(new StreamsAvailabilityRules.Availability(CORRECT, REFUSING_TRAFFIC));

        rules.record("processor", REBALANCING, at(20));
        rules.record("projections", RUNNING, at(21));
        assertThat(rules.evaluate(at(21)).readiness())
                .as("one app rebalances still, if briefly")
                .isEqualTo(REFUSING_TRAFFIC);
        rules.record("processor", RUNNING, at(22));
        assertThat(rules.evaluate(at(22)).readiness()).isEqualTo(ACCEPTING_TRAFFIC);
    }

    @Test
    void aShortRebalanceEndedDoesNotCountTowardsTheNext() {
        bothRunningAt(1);
        rules.record("processor", REBALANCING, at(10));
        rules.record("processor", RUNNING, at(14));
        rules.record("processor", REBALANCING, at(16));

        assertThat(rules.evaluate(at(20)).readiness()).isEqualTo(ACCEPTING_TRAFFIC);
        assertThat(rules.evaluate(at(21)).readiness()).isEqualTo(REFUSING_TRAFFIC);
    }

    @Test
    void anAppInErrorBreaksLivenessAndReadinessAtOnce() {
        bothRunningAt(1);
        rules.record("processor", PENDING_ERROR, at(10));
        assertThat(rules.evaluate(at(10)))
                .isEqualTo(new StreamsAvailabilityRules.Availability(BROKEN, REFUSING_TRAFFIC));

        rules.record("processor", ERROR, at(10.1));
        assertThat(rules.evaluate(at(100)))
                .isEqualTo(new StreamsAvailabilityRules.Availability(BROKEN, REFUSING_TRAFFIC));
    }

    @Test
    void anAppInErrorDuringItsFirstRestoreBreaksLiveness() {
        rules.record("processor", REBALANCING, at(1));
        rules.record("processor", ERROR, at(2));

        assertThat(rules.evaluate(at(2)).liveness()).isEqualTo(BROKEN);
    }

    @Test
    void anAppShuttingDownRefusesTrafficAtOnceButIsNoReasonToRestart() {
        bothRunningAt(1);
        rules.record("projections", PENDING_SHUTDOWN, at(10));
        assertThat(rules.evaluate(at(10)))
                .isEqualTo(new StreamsAvailabilityRules.Availability(CORRECT, REFUSING_TRAFFIC));

        rules.record("projections", NOT_RUNNING, at(11));
        assertThat(rules.evaluate(at(11)).liveness()).isEqualTo(CORRECT);
    }
}
