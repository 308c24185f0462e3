package io.sessionflow.bench.workload;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;

import io.sessionflow.api.SessionKeys;
import io.sessionflow.api.algoreg.AlgoregSessionController;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.algoreg.AlgoregInputData;
import io.sessionflow.schemas.algoreg.AlgoregSessionRequested;

/**
 * Algoreg: {@code POST /algoreg/api/v1/session} as the demo tenant "northwind-bank" (Bearer demo
 * key), scenario {@code default} in fr-FR with an external id and some input data, and the
 * {@code AlgoregSessionRequested} that call publishes, built as {@link AlgoregSessionController} does.
 */
public record AlgoregWorkload(Duration requestTimeout) implements ProviderWorkload {

    static final String TENANT = "northwind-bank";
    static final String API_KEY = "alg_demo_northwind_4f8c2d9e7a1b6053";

    @Override
    public String provider() {
        return "algoreg";
    }

    @Override
    public HttpRequest createSession(URI baseUri, long sequence) {
        String body = "{\"scenario_code\":\"default\",\"language\":\"fr-FR\",\"external_id\":\"" + externalId(sequence)
                + "\",\"input_data\":{\"firstname\":\"Jane\",\"lastname\":\"Doe\",\"birthdate\":\"1990-05-17\"}}";
        return ProviderWorkload.postJson(baseUri.resolve("/algoreg/api/v1/session"), requestTimeout, body)
                .header("Authorization", "Bearer " + API_KEY)
                .build();
    }

    @Override
    public RequestEvent requestEvent(long sequence) {
        String sessionKey = SessionKeys.newKey();
        AlgoregSessionRequested event = AlgoregSessionRequested.newBuilder()
                .setSessionKey(sessionKey)
                .setRequestedAt(Instant.now())
                .setRequestFingerprint(BenchIds.KEYS
                        .fingerprint(null, "algoreg", TENANT, "default", "fr-FR", externalId(sequence))
                        .value())
                .setTenantId(TENANT)
                .setScenarioCode("default")
                .setLanguage("fr-FR")
                .setExternalId(externalId(sequence))
                .setInputData(AlgoregInputData.newBuilder()
                        .setFirstname("Jane")
                        .setLastname("Doe")
                        .setBirthdate("1990-05-17")
                        .build())
                .build();
        return RequestEvent.of(Topics.ALGOREG_REQUESTS, sessionKey, event);
    }

    private static String externalId(long sequence) {
        return "bench-" + sequence;
    }
}
