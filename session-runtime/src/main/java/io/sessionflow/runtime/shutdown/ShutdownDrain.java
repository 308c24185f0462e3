package io.sessionflow.runtime.shutdown;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A graceful stop that fails no request. On SIGTERM Spring Boot turns readiness {@code REFUSING_TRAFFIC} first
 * thing (the closing web application context publishes it), and this then holds the close for
 * {@code sessionflow.shutdown.drain} before anything stops: the instance keeps serving while a load balancer that
 * polls readiness stops sending to it. Only then does the web server's graceful shutdown stop taking requests
 * and let those in flight finish, and after it the Streams apps close ({@code StreamsShutdown}).
 *
 * <p>Readiness is down during the drain to steer traffic away, not because this instance cannot serve:
 * {@link #serving()} says whether it still takes create calls, which it does while it drains if it was ready
 * when the stop began. Runs first among the listeners of the close, before the management port's own context
 * closes, so that the readiness probe keeps answering (503) while it drains.
 */
public final class ShutdownDrain {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownDrain.class);

    private final ApplicationContext context;
    private final Duration drain;
    private final AtomicBoolean drained = new AtomicBoolean();
    private volatile boolean ready;
    private volatile boolean stopping;

    public ShutdownDrain(ApplicationContext context, Duration drain) {
        this.context = context;
        this.drain = drain;
    }

    /** Whether this instance takes requests: ready, or draining after a stop that began while it was ready. */
    public boolean serving() {
        return ready;
    }

    /** Whether the stop has begun (readiness turned down by the closing context). */
    public boolean stopping() {
        return stopping;
    }

    /**
     * Every readiness change until the stop; the closing context's {@code REFUSING_TRAFFIC} (Boot publishes it
     * from the context itself only then) begins the stop and leaves {@link #serving()} as it was.
     */
    @EventListener
    public synchronized void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
        if (stopping) {
            return;
        }
        if (event.getState() == ReadinessState.REFUSING_TRAFFIC && event.getSource() == context) {
            stopping = true;
            return;
        }
        ready = event.getState() == ReadinessState.ACCEPTING_TRAFFIC;
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void onClose(ContextClosedEvent event) {
        if (event.getApplicationContext() != context || !drained.compareAndSet(false, true)) {
            return;
        }
        stopping = true;
        if (!ready || drain.isZero()) {
            ready = false;
            return;
        }
        LOG.info(
                "Stopping: readiness is down, serving on for {} ms (sessionflow.shutdown.drain) while load "
                        + "balancers stop sending here",
                drain.toMillis());
        try {
            Thread.sleep(drain.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Drained: finishing the requests in flight, then stopping");
    }
}
