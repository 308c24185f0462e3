package io.sessionflow.api.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.junit.jupiter.api.Test;

/**
 * The valve on one request: the time since Tomcat read the request's first bytes is the request's arrival delay
 * attribute, when the next valve runs, and a sample of the timer.
 */
class ArrivalDelayValveTest {

    @Test
    void theTimeSinceTomcatReadTheRequestIsItsArrivalDelayAndASampleOfTheTimer() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Timer timer = registry.timer("arrival");
        ArrivalDelayValve valve = new ArrivalDelayValve(timer);
        AtomicReference<Object> seen = new AtomicReference<>();
        valve.setNext(new ValveBase() {
            @Override
            public void invoke(Request request, Response response) {
                seen.set(request.getAttribute(ArrivalDelayValve.DELAY_NANOS));
            }
        });
        org.apache.coyote.Request coyote = new org.apache.coyote.Request();
        coyote.setStartTimeNanos(System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(70));
        Request request = new Request(new Connector(), coyote);

        valve.invoke(request, new Response(new org.apache.coyote.Response()));

        assertThat(seen.get()).isInstanceOf(Long.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis((Long) seen.get())).isBetween(70L, 5_000L);
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(70);
    }
}
