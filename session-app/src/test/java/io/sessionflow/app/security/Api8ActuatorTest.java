package io.sessionflow.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.sessionflow.app.EndToEndTest;
import org.junit.jupiter.api.Test;

/**
 * OWASP API8 (security misconfiguration): actuator is on the management port only; its health probes are
 * open there (an orchestrator calls them without a credential), and everything else it answers (metrics
 * name the data folder, topics and client ids) only with the management credential. The public port
 * answers actuator paths as unknown paths.
 */
class Api8ActuatorTest extends EndToEndTest {

    private static Response onManagementPort(String path, Map<String, String> headers) {
        return sendTo(MANAGEMENT_PORT, "GET", path, null, headers);
    }

    @Test
    void theProbesAreOpenOnTheManagementPort() {
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness", "/actuator/health")) {
            Response answer = onManagementPort(probe, Map.of());

            assertThat(answer.status()).as(probe).isEqualTo(200);
            assertThat(answer.body().get("status").asString()).as(probe).isEqualTo("UP");
            assertThat(answer.body().has("components"))
                    .as("no details without the credential")
                    .isFalse();
        }
    }

    @Test
    void everythingElseOnTheManagementPortWantsTheCredential() {
        for (String path : List.of(
                "/actuator/metrics",
                "/actuator/metrics/jvm.memory.used",
                "/actuator/env",
                "/actuator/info",
                "/actuator",
                "/actuator/heapdump")) {
            Response none = onManagementPort(path, Map.of());
            Response wrong = onManagementPort(path, Map.of("Authorization", "Bearer " + MANAGEMENT_TOKEN + "x"));
            Response anotherCredential = onManagementPort(path, Map.of("Authorization", "Bearer " + ADMIN_TOKEN));

            assertThat(List.of(none, wrong, anotherCredential)).allSatisfy(answer -> {
                assertThat(answer.status()).as(path).isEqualTo(401);
                assertThat(answer.body()).as(path).isNull();
            });
        }
        Response metrics = management("/actuator/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body().get("names").isArray()).isTrue();
        assertThat(management("/actuator/metrics/jvm.memory.used").status()).isEqualTo(200);
        assertThat(management("/actuator/env").status())
                .as("not exposed at all")
                .isEqualTo(404);
    }

    @Test
    void thePublicAndInternalPortsServeNothingOfActuator() {
        for (String path : List.of(
                "/actuator/metrics", "/actuator/health", "/actuator/health/liveness", "/actuator/env", "/actuator")) {
            Response onPublic = get(path, Map.of("Authorization", "Bearer " + MANAGEMENT_TOKEN));
            Response onInternal =
                    sendTo(INTERNAL_PORT, "GET", path, null, Map.of("Authorization", "Bearer " + INTERNAL_TOKEN));

            assertThat(List.of(onPublic, onInternal)).allSatisfy(answer -> {
                assertThat(answer.status()).as(path).isEqualTo(404);
                assertThat(answer.body().get("error").asString()).as(path).isEqualTo("Not Found");
                assertThat(answer.body().has("names")).isFalse();
            });
        }
    }
}
