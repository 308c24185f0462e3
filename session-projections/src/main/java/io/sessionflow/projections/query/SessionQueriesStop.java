package io.sessionflow.projections.query;

import io.sessionflow.runtime.StreamsShutdown;
import org.springframework.context.SmartLifecycle;

/**
 * Stops the {@link SessionQueryService} just before the projections' Streams app closes (after the web server's
 * graceful shutdown has let the queries in flight finish): a query that comes later, on a connection still open,
 * is answered unavailable at once and its caller asks another instance.
 */
public final class SessionQueriesStop implements SmartLifecycle {

    private final SessionQueryService queries;
    private volatile boolean running;

    public SessionQueriesStop(SessionQueryService queries) {
        this.queries = queries;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        queries.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped right before the Streams apps, which stop in {@link StreamsShutdown#PHASE}. */
    @Override
    public int getPhase() {
        return StreamsShutdown.PHASE + 1;
    }
}
