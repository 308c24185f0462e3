package io.sessionflow.api.limits;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * How long a request waited inside Tomcat before anything of ours ran: from the moment Tomcat read its first
 * bytes ({@code org.apache.coyote.Request#getStartTimeNanos}) to this valve, the engine's first. On a saturated
 * machine this is where a call waits for CPU (its request thread runnable behind the others) while no filter can see
 * it. Writes the delay as the request attribute {@link #DELAY_NANOS}, read by {@link AdmissionLimitFilter} (which
 * refuses a create that already waited too long and counts the wait in the admission limit's latency), and records
 * it in the timer {@code sessionflow.api.admission.arrival-delay} (p50 / p99 over the last 10 s, and the max).
 */
public final class ArrivalDelayValve extends ValveBase {

    /** The request attribute: the arrival delay in nanoseconds, a {@code Long}. */
    public static final String DELAY_NANOS = ArrivalDelayValve.class.getName() + ".delayNanos";

    private final Timer timer;

    ArrivalDelayValve(Timer timer) {
        super(true);
        this.timer = timer;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        long started = request.getCoyoteRequest().getStartTimeNanos();
        if (started != -1) {
            long delay = Math.max(0, System.nanoTime() - started);
            request.setAttribute(DELAY_NANOS, delay);
            if (timer != null) {
                timer.record(delay, TimeUnit.NANOSECONDS);
            }
        }
        getNext().invoke(request, response);
    }

    /** The arrival delay of a request this valve saw; 0 otherwise. */
    static long delayNanos(jakarta.servlet.ServletRequest request) {
        return request.getAttribute(DELAY_NANOS) instanceof Long nanos ? nanos : 0;
    }

    /** Puts the valve first in the engine's pipeline, with its timer when there is a meter registry. */
    public static final class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

        private final ObjectProvider<MeterRegistry> meters;

        public Installer(ObjectProvider<MeterRegistry> meters) {
            this.meters = meters;
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            MeterRegistry registry = meters.getIfAvailable();
            Timer timer = registry == null
                    ? null
                    : Timer.builder("sessionflow.api.admission.arrival-delay")
                            .description("From Tomcat reading a request's first bytes to the first valve")
                            .publishPercentiles(0.5, 0.99)
                            .distributionStatisticExpiry(Duration.ofSeconds(10))
                            .distributionStatisticBufferLength(2)
                            .register(registry);
            factory.addEngineValves(new ArrivalDelayValve(timer));
        }
    }
}
