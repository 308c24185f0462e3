package io.sessionflow.runtime.availability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Spring Boot's liveness and readiness from the state listeners of the Streams apps in this JVM, as
 * {@link StreamsAvailabilityRules} decides them: liveness {@code BROKEN} when an app is in {@code ERROR},
 * readiness {@code ACCEPTING_TRAFFIC} once every app runs and {@code REFUSING_TRAFFIC} during a long rebalance.
 * The end of a rebalance's grace period is checked on a timer of its own, not by polling.
 *
 * <p>Start-up (the application runners) ends only once every app runs, however long its restore takes, so that
 * Boot's own {@code ACCEPTING_TRAFFIC} at the end of start-up is true. There is no deadline: an app that will never
 * run is in {@code ERROR}, and liveness tells the orchestrator to restart it. Then, still before start-up ends, the
 * {@link WarmUpPhase} (bounded) runs, so readiness follows the warm-up.
 *
 * <p>Liveness is {@code CORRECT} from before the Streams apps start (Boot says {@code BROKEN} until its context has
 * started, and a processor's start includes restoring its global store). Readiness is Boot's until its own
 * {@code ACCEPTING_TRAFFIC} at the end of start-up, and this one's from then on. When Boot states {@code CORRECT} or
 * {@code ACCEPTING_TRAFFIC} while this knows otherwise, this says so again shortly after. Once the context
 * closes (Boot's {@code REFUSING_TRAFFIC} from the context, the first step of a stop) this publishes nothing more.
 */
public final class StreamsAvailability implements SmartInitializingSingleton, ApplicationRunner, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsAvailability.class);
    /** How long after Boot states its own availability this states its own again, if it differs. */
    private static final Duration AFTER_BOOT = Duration.ofMillis(100);
    /** How often start-up looks again whether the Streams apps settled, while one of them rebalances. */
    private static final Duration SETTLE_POLL = Duration.ofMillis(50);

    private final StreamsAvailabilityRules rules;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ScheduledExecutorService checks;
    private final CountDownLatch firstRun = new CountDownLatch(1);
    /** the states last published, by Boot or by this; null while this leaves that state to Boot */
    private LivenessState liveness;

    private ReadinessState readiness;
    private boolean closing;
    private WarmUpPhase warmUp;
    private Duration settle = Duration.ZERO;

    /** Listens to every one of {@code streams} (by name): call before they start. */
    public StreamsAvailability(
            Map<String, StreamsBuilderFactoryBean> streams,
            Duration rebalanceGrace,
            ApplicationEventPublisher events,
            Clock clock) {
        this.rules = new StreamsAvailabilityRules(streams.keySet(), rebalanceGrace, clock.instant());
        this.events = events;
        this.clock = clock;
        this.checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "streams-availability");
            thread.setDaemon(true);
            return thread;
        });
        streams.forEach((name, factory) -> factory.setStateListener((newState, oldState) -> {
            try {
                changed(name, oldState, newState);
            } catch (RuntimeException e) {
                LOG.warn("Availability not updated for Streams app {} ({} to {})", name, oldState, newState, e);
            }
        }));
        publishChanges();
    }

    /** Before any Streams app or web server starts: from now on liveness is this one's. */
    @Override
    public synchronized void afterSingletonsInstantiated() {
        liveness = LivenessState.BROKEN;
        publishChanges();
    }

    /** Runs {@code phase} once every Streams app first runs, before start-up ends (and so before readiness). */
    public void warmUpBeforeReady(WarmUpPhase phase) {
        this.warmUp = phase;
    }

    /**
     * Start-up ends only once every Streams app has run for {@code settle} without a rebalance: a joining member
     * runs after a first rebalance that gives it little and takes its tasks in the ones that follow, and an
     * operator who stops the next instance once this one is ready must find its tasks here, restored.
     */
    public void settleBeforeReady(Duration settle) {
        this.settle = settle;
    }

    /**
     * Holds the end of start-up until every Streams app first runs and has settled, then for the warm-up; never
     * gives up.
     */
    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        if (firstRun.getCount() > 0) {
            LOG.info("Waiting for the Streams apps to run (restoring their state takes as long as it takes)");
        }
        firstRun.await();
        awaitSettled();
        if (warmUp != null) {
            warmUp.run();
        }
    }

    private void awaitSettled() throws InterruptedException {
        if (settle.isZero()) {
            return;
        }
        Instant waitingSince = clock.instant();
        while (true) {
            Instant now = clock.instant();
            Optional<Instant> since = rules.allRunningSince();
            if (since.isPresent() && !now.isBefore(since.get().plus(settle))) {
                break;
            }
            Thread.sleep(since.map(at -> Duration.between(now, at.plus(settle)).toMillis() + 1)
                    .orElse(SETTLE_POLL.toMillis()));
        }
        LOG.info(
                "The Streams apps settled: running without a rebalance for {} ms (waited {} ms)",
                settle.toMillis(),
                Duration.between(waitingSince, clock.instant()).toMillis());
    }

    /** Boot's own availability events: its {@code ACCEPTING_TRAFFIC} hands readiness over to this one. */
    @EventListener
    public synchronized void onAvailabilityChange(AvailabilityChangeEvent<?> event) {
        if (event.getSource() == this) {
            return;
        }
        if (event.getState() == LivenessState.CORRECT) {
            liveness = LivenessState.CORRECT;
        } else if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
            readiness = ReadinessState.ACCEPTING_TRAFFIC;
        } else if (event.getState() == ReadinessState.REFUSING_TRAFFIC
                && event.getSource() instanceof ApplicationContext) {
            // the closing context's: from now on nothing may say ACCEPTING_TRAFFIC again, not even while it drains
            closing = true;
            return;
        } else {
            return;
        }
        schedule(AFTER_BOOT);
    }

    @EventListener
    public synchronized void onClose(ContextClosedEvent event) {
        closing = true;
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }

    private void changed(String app, KafkaStreams.State from, KafkaStreams.State to) {
        if (to == KafkaStreams.State.ERROR || to == KafkaStreams.State.PENDING_ERROR) {
            LOG.error(
                    "Streams app {} is in {} and will not run again: liveness is BROKEN, restart this instance",
                    app,
                    to);
        } else {
            LOG.info("Streams app {}: {} -> {}", app, from, to);
        }
        rules.record(app, to, clock.instant());
        publishChanges();
    }

    private synchronized void publishChanges() {
        if (closing) {
            return;
        }
        StreamsAvailabilityRules.Availability now = rules.evaluate(clock.instant());
        if (now.readiness() == ReadinessState.ACCEPTING_TRAFFIC) {
            firstRun.countDown();
        }
        if (liveness != null && liveness != now.liveness()) {
            liveness = now.liveness();
            LOG.info("Liveness {}: {}", liveness, rules.describe(clock.instant()));
            AvailabilityChangeEvent.publish(events, this, liveness);
        }
        if (readiness != null && readiness != now.readiness()) {
            readiness = now.readiness();
            LOG.info("Readiness {}: {}", readiness, rules.describe(clock.instant()));
            AvailabilityChangeEvent.publish(events, this, readiness);
        }
        rules.nextCheck()
                .ifPresent(at -> schedule(Duration.between(clock.instant(), at).plusMillis(1)));
    }

    private void schedule(Duration delay) {
        if (!checks.isShutdown()) {
            checks.schedule(this::publishChanges, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        }
    }
}
