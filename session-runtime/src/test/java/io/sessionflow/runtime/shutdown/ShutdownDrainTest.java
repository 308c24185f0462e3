package io.sessionflow.runtime.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Readiness events and the close in, whether create calls are taken and how long the close is held out: the events
 * as Spring Boot and the Streams apps' availability publish them, on a context that is never started.
 */
class ShutdownDrainTest {

    private static final Duration DRAIN = Duration.ofMillis(400);

    private final GenericApplicationContext context = new GenericApplicationContext();
    private final ShutdownDrain drain = new ShutdownDrain(context, DRAIN);
    /** Another publisher of readiness: the Streams apps' availability. */
    private final Object streams = new Object();

    private void readiness(Object source, ReadinessState state) {
        drain.onReadiness(new AvailabilityChangeEvent<>(source, state));
    }

    private long closeMillis() {
        long started = System.nanoTime();
        drain.onClose(new ContextClosedEvent(context));
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    @Test
    void servesWhileReadyAndNotWhileTheStreamsAppsSayItIsNot() {
        assertThat(drain.serving()).as("before start-up ends").isFalse();
        readiness(context, ReadinessState.ACCEPTING_TRAFFIC);
        assertThat(drain.serving()).isTrue();
        readiness(streams, ReadinessState.REFUSING_TRAFFIC);
        assertThat(drain.serving()).as("a long rebalance").isFalse();
        assertThat(drain.stopping()).isFalse();
        readiness(streams, ReadinessState.ACCEPTING_TRAFFIC);
        assertThat(drain.serving()).isTrue();
    }

    @Test
    void aStopThatBeginsWhileReadyKeepsServingForTheDrainBeforeTheCloseGoesOn() {
        readiness(context, ReadinessState.ACCEPTING_TRAFFIC);

        readiness(context, ReadinessState.REFUSING_TRAFFIC);
        assertThat(drain.stopping())
                .as("the closing context's own REFUSING_TRAFFIC")
                .isTrue();
        assertThat(drain.serving()).as("while the load balancers notice").isTrue();
        readiness(streams, ReadinessState.REFUSING_TRAFFIC);
        assertThat(drain.serving()).as("nothing changes it once the stop began").isTrue();

        assertThat(closeMillis()).as("the close held out for the drain").isGreaterThanOrEqualTo(DRAIN.toMillis());
        assertThat(drain.serving())
                .as("requests in flight finish, nothing new arrives")
                .isTrue();
        assertThat(closeMillis())
                .as("a second close event (the management port's context) waits no more")
                .isLessThan(DRAIN.toMillis());
    }

    @Test
    void aStopWhileNotReadyDoesNotWait() {
        readiness(context, ReadinessState.ACCEPTING_TRAFFIC);
        readiness(streams, ReadinessState.REFUSING_TRAFFIC);
        readiness(context, ReadinessState.REFUSING_TRAFFIC);

        assertThat(closeMillis()).isLessThan(DRAIN.toMillis());
        assertThat(drain.serving()).isFalse();
    }

    @Test
    void anotherContextsCloseIsNotThisOnes() {
        readiness(context, ReadinessState.ACCEPTING_TRAFFIC);

        assertThat(closeMillis(new ContextClosedEvent(new GenericApplicationContext())))
                .isLessThan(DRAIN.toMillis());
        assertThat(drain.stopping()).isFalse();
        assertThat(drain.serving()).isTrue();
    }

    private long closeMillis(ContextClosedEvent event) {
        long started = System.nanoTime();
        drain.onClose(event);
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }
}
