package io.sessionflow.runtime;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * How a Streams app stops on SIGTERM so that a rolling restart costs nothing. It leaves its group as it closes
 * (after its last commit), so that the other instances take its tasks in one rebalance at once instead of after
 * the consumer session timeout, which is what they wait for when a member closes the classic way, staying in the
 * group. And it stops after the web server's graceful shutdown, not before as by default: the requests in flight,
 * which wait for answers the Streams apps produce (a create on the all-in-one app, a query on a projections
 * instance), finish while the apps still run.
 */
public final class StreamsShutdown {

    /** Below the graceful shutdown's phase: stopped after it (and started before it, which does nothing). */
    public static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 100;

    private StreamsShutdown() {}

    public static StreamsBuilderFactoryBean configure(StreamsBuilderFactoryBean factory) {
        factory.setLeaveGroupOnClose(true);
        factory.setPhase(PHASE);
        return factory;
    }
}
