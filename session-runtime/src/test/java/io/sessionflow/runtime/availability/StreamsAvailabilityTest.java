package io.sessionflow.runtime.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The component around {@link StreamsAvailabilityRules}: the state listeners it sets, the events it publishes (and
 * when), start-up held until both apps run, and the grace period's end found by its timer. Real time, a short grace.
 */
class StreamsAvailabilityTest {

    private static final Duration GRACE = Duration.ofMillis(300);

    private final StreamsBuilderFactoryBean processor = mock(StreamsBuilderFactoryBean.class);
    private final StreamsBuilderFactoryBean projections = mock(StreamsBuilderFactoryBean.class);
    private final List<AvailabilityState> published = new CopyOnWriteArrayList<>();
    private final StreamsAvailability availability = new StreamsAvailability(
            Map.of("processor", processor, "projections", projections),
            GRACE,
            event -> published.add(((AvailabilityChangeEvent<?>) event).getState()),
            Clock.systemUTC());
    private final KafkaStreams.StateListener processorListener = listenerOf(processor);
    private final KafkaStreams.StateListener projectionsListener = listenerOf(projections);

    @AfterEach
    void close() {
        availability.close();
    }

    private static KafkaStreams.StateListener listenerOf(StreamsBuilderFactoryBean factory) {
        ArgumentCaptor<KafkaStreams.StateListener> listener = ArgumentCaptor.forClass(KafkaStreams.StateListener.class);
        verify(factory).setStateListener(listener.capture());
        return listener.getValue();
    }

    /** Boot's own events, as it publishes them at the end of start-up. */
    private void bootSays(AvailabilityState state) {
        availability.onAvailabilityChange(new AvailabilityChangeEvent<>(this, state));
    }

    /** Start-up's application runner, on a thread of its own: done when start-up would end. */
    private CompletableFuture<Void> startUp() {
        return CompletableFuture.runAsync(() -> {
            try {
                availability.run(null);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void awaitPublished(AvailabilityState... states) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!published.equals(List.of(states)) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        assertThat(published).containsExactly(states);
    }

    @Test
    void startUpWaitsForBothAppsThenALongRebalanceRefusesTrafficUntilTheyRunAgain() throws Exception {
        availability.afterSingletonsInstantiated();
        assertThat(published).as("alive before the apps start").containsExactly(LivenessState.CORRECT);

        CompletableFuture<Void> startUp = startUp();
        processorListener.onChange(KafkaStreams.State.REBALANCING, KafkaStreams.State.CREATED);
        processorListener.onChange(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
        Thread.sleep(200);
        assertThat(startUp).as("one app still created").isNotDone();
        projectionsListener.onChange(KafkaStreams.State.REBALANCING, KafkaStreams.State.CREATED);
        projectionsListener.onChange(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
        startUp.get(5, TimeUnit.SECONDS);
        bootSays(ReadinessState.ACCEPTING_TRAFFIC);

        projectionsListener.onChange(KafkaStreams.State.REBALANCING, KafkaStreams.State.RUNNING);
        assertThat(published).as("within the grace").containsExactly(LivenessState.CORRECT);
        awaitPublished(LivenessState.CORRECT, ReadinessState.REFUSING_TRAFFIC);

        projectionsListener.onChange(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
        assertThat(published)
                .containsExactly(
                        LivenessState.CORRECT, ReadinessState.REFUSING_TRAFFIC, ReadinessState.ACCEPTING_TRAFFIC);
    }

    @Test
    void startUpEndsOnlyOnceBothAppsRanForTheSettleWithoutARebalance() throws Exception {
        availability.settleBeforeReady(Duration.ofMillis(500));
        availability.afterSingletonsInstantiated();
        CompletableFuture<Void> startUp = startUp();
        processorListener.onChange(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
        projectionsListener.onChange(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
        Thread.sleep(300);
        // the rebalance that follows a join, in which the member gets its tasks
        projectionsListener.onChange(KafkaStreams.State.REBALANCING, KafkaStreams.State.RUNNING);
        Thread.sleep(300);
        assertThat(startUp).as("rebalancing 300 ms after the first run").isNotDone();
        projectionsListener.onChange(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
        long settling = System.nanoTime();
        Thread.sleep(300);
        assertThat(startUp).as("running again for 300 ms only").isNotDone();
        startUp.get(5, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - settling)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void anAppInErrorBreaksLivenessAndBootSayingOtherwiseIsCorrected() {
        availability.afterSingletonsInstantiated();
        processorListener.onChange(KafkaStreams.State.PENDING_ERROR, KafkaStreams.State.REBALANCING);
        processorListener.onChange(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR);
        assertThat(published).containsExactly(LivenessState.CORRECT, LivenessState.BROKEN);

        bootSays(LivenessState.CORRECT);

        awaitPublished(LivenessState.CORRECT, LivenessState.BROKEN, LivenessState.BROKEN);
    }

    @Test
    void onceTheContextClosesNothingSaysAcceptingTrafficAgain() throws Exception {
        availability.afterSingletonsInstantiated();
        processorListener.onChange(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
        projectionsListener.onChange(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
        bootSays(ReadinessState.ACCEPTING_TRAFFIC);
        projectionsListener.onChange(KafkaStreams.State.REBALANCING, KafkaStreams.State.RUNNING);
        awaitPublished(LivenessState.CORRECT, ReadinessState.REFUSING_TRAFFIC);

        // a stop begins (the closing context's own event) while the instance drains
        availability.onAvailabilityChange(
                new AvailabilityChangeEvent<>(new GenericApplicationContext(), ReadinessState.REFUSING_TRAFFIC));
        projectionsListener.onChange(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
        Thread.sleep(GRACE.toMillis() * 2);

        assertThat(published).containsExactly(LivenessState.CORRECT, ReadinessState.REFUSING_TRAFFIC);
    }
}
