package io.sessionflow.runtime.availability;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;

/**
 * What the states of the Streams apps in this JVM mean for its availability, given the time (no clock of
 * its own, so a test decides what time it is).
 * <ul>
 * <li>Liveness is {@code BROKEN} while an app is in {@code PENDING_ERROR} or {@code ERROR}: Kafka Streams never
 * leaves them but to shut down, so only a restart brings the app back. Restoring and rebalancing
 * ({@code CREATED}, {@code REBALANCING}) are progress, however long; stopping ({@code PENDING_SHUTDOWN},
 * {@code NOT_RUNNING}) happens when the app closes, and is no reason to restart it.</li>
 * <li>Readiness is {@code ACCEPTING_TRAFFIC} once every app is {@code RUNNING}. It stays so while an app
 * rebalances for less than the grace period, so that the short rebalances of a group whose members come
 * and go do not flap it; it turns {@code REFUSING_TRAFFIC} when an app has been out of {@code RUNNING} for
 * the grace period, or at once when an app stops or fails, and accepts again only once every app runs.</li>
 * </ul>
 */
public final class StreamsAvailabilityRules {

    /** The application's availability as the Streams apps make it. */
    public record Availability(LivenessState liveness, ReadinessState readiness) {}

    private record Observed(KafkaStreams.State state, Instant outOfRunningSince) {}

    private final Duration rebalanceGrace;
    private final Map<String, Observed> apps = new LinkedHashMap<>();
    private final Map<String, Instant> enteredRunning = new LinkedHashMap<>();
    private boolean accepting;

    /** The apps, each {@code CREATED} at {@code now}. */
    public StreamsAvailabilityRules(Collection<String> appNames, Duration rebalanceGrace, Instant now) {
        this.rebalanceGrace = rebalanceGrace;
        appNames.forEach(app -> apps.put(app, new Observed(KafkaStreams.State.CREATED, now)));
    }

    /** An app changed to {@code state} at {@code at}. */
    public synchronized void record(String app, KafkaStreams.State state, Instant at) {
        Observed previous = apps.get(app);
        if (previous == null) {
            throw new IllegalArgumentException("Unknown Streams app " + app);
        }
        boolean stillOut = previous.state() != KafkaStreams.State.RUNNING && state != KafkaStreams.State.RUNNING;
        apps.put(app, new Observed(state, stillOut ? previous.outOfRunningSince() : at));
        if (state == KafkaStreams.State.RUNNING) {
            enteredRunning.put(app, at);
        }
    }

    /**
     * Since when every app has run without a rebalance (the latest moment one of them entered {@code RUNNING}), or
     * empty while one does not run: a member that joins its group runs after a first rebalance that gives it
     * little, and gets its tasks in the rebalances that follow at once.
     */
    public synchronized Optional<Instant> allRunningSince() {
        if (!apps.values().stream().allMatch(observed -> observed.state() == KafkaStreams.State.RUNNING)) {
            return Optional.empty();
        }
        return enteredRunning.values().stream().max(Instant::compareTo).or(() -> Optional.of(Instant.MIN));
    }

    /** The availability at {@code now}; readiness remembers whether it accepted before. */
    public synchronized Availability evaluate(Instant now) {
        boolean failed = apps.values().stream().anyMatch(observed -> failed(observed.state()));
        if (apps.values().stream().allMatch(observed -> observed.state() == KafkaStreams.State.RUNNING)) {
            accepting = true;
        } else if (accepting) {
            accepting = apps.values().stream()
                    .allMatch(observed -> observed.state() == KafkaStreams.State.RUNNING
                            || observed.state() == KafkaStreams.State.REBALANCING
                                    && now.isBefore(observed.outOfRunningSince().plus(rebalanceGrace)));
        }
        return new Availability(
                failed ? LivenessState.BROKEN : LivenessState.CORRECT,
                accepting ? ReadinessState.ACCEPTING_TRAFFIC : ReadinessState.REFUSING_TRAFFIC);
    }

    /** When readiness may change with no change of state: the end of the earliest rebalance's grace, if any runs. */
    public synchronized Optional<Instant> nextCheck() {
        if (!accepting) {
            return Optional.empty();
        }
        return apps.values().stream()
                .filter(observed -> observed.state() == KafkaStreams.State.REBALANCING)
                .map(observed -> observed.outOfRunningSince().plus(rebalanceGrace))
                .min(Instant::compareTo);
    }

    /** Each app's state, and for how long it has been out of {@code RUNNING}, for the log. */
    public synchronized String describe(Instant now) {
        StringJoiner states = new StringJoiner(", ");
        apps.forEach((app, observed) -> states.add(app + " " + observed.state()
                + (observed.state() == KafkaStreams.State.RUNNING
                        ? ""
                        : " (out of RUNNING for "
                                + Duration.between(observed.outOfRunningSince(), now)
                                        .toSeconds() + " s)")));
        return states.toString();
    }

    private static boolean failed(KafkaStreams.State state) {
        return state == KafkaStreams.State.PENDING_ERROR || state == KafkaStreams.State.ERROR;
    }
}
