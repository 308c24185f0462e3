package io.sessionflow.app;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says where the app answers, once, when readiness first turns {@code ACCEPTING_TRAFFIC}: every Streams app
 * runs (see {@code StreamsAvailability}) and the warm-up is done ({@code WarmUpPhase}). The README, the fault tests and the benchmarks wait for this line.
 */
@Component
public class ReadyLog {

    private static final Logger LOG = LoggerFactory.getLogger(ReadyLog.class);

    private final int port;
    private final AtomicBoolean said = new AtomicBoolean();
    private volatile Instant firstReady;

    public ReadyLog(@Value("${server.port:8080}") int port) {
        this.port = port;
    }

    /** When readiness first turned {@code ACCEPTING_TRAFFIC}, or null before. */
    public Instant firstReady() {
        return firstReady;
    }

    @EventListener
    public void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC && said.compareAndSet(false, true)) {
            firstReady = Instant.now();
            LOG.info("sessionflow is ready on http://localhost:{}", port);
        }
    }
}
