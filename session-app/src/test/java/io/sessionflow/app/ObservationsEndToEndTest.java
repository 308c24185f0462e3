package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * What the app observes of each request: the HTTP server's timing ({@code http.server.requests}), not Spring
 * Security's per-filter, authentication and authorization observations, which took a fifth of the request threads'
 * CPU on the create path ({@code management.observations.enable} in application.yml).
 */
class ObservationsEndToEndTest extends EndToEndTest {

    @Test
    void requestsAreTimedButSpringSecurityIsNotObservedFilterByFilter() {
        Response answer = post("/chat/api/public/v1/chat/sessions", "{}", Map.of());
        assertThat(answer.status()).isBetween(400, 499);

        Response metrics = management("/actuator/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        metrics.body().get("names").forEach(name -> names.add(name.asString()));

        assertThat(names).contains("http.server.requests");
        assertThat(names).noneMatch(name -> name.startsWith("spring.security."));
    }
}
