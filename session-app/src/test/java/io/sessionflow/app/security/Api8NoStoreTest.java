package io.sessionflow.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.sessionflow.app.EndToEndTest;
import org.junit.jupiter.api.Test;

/**
 * OWASP API8 (security misconfiguration): answers carry session tokens, session ids and credentials, so no
 * cache may store any of them: {@code Cache-Control: no-store} on every answer of every surface, errors
 * included (those the servlet container answers itself too), and on the internal and management ports.
 */
class Api8NoStoreTest extends EndToEndTest {

    private static final String CHAT = "/chat/api/public/v1/chat/sessions";
    private static final String WIDGET_KEY = "pk_live_1a2b3c4d5e6f7890abcd1234ef567890";

    private static void assertNoStore(String what, Response answer) {
        assertThat(answer.headers().get("cache-control"))
                .as(what)
                .isNotNull()
                .anySatisfy(value -> assertThat(value).contains("no-store"));
    }

    @Test
    void answersCarryingTokensAreNotStored() {
        Response chat = post(CHAT, "{\"publicKey\":\"" + WIDGET_KEY + "\"}", Map.of());
        Response zenskar = post(
                "/zenskar/customers/session",
                "{\"customer_id\":\"b7e4c1a2-5f3d-4a8b-9c6e-1d2f3a4b5c6d\",\"return_url\":\"https://app.acme.example/billing\"}",
                Map.of(
                        "x-api-key",
                        "zsk_demo_acme_5b8e2f71c4d94a06",
                        "organisation",
                        "3f2a9c4e-8b1d-4e6f-a7c2-5d9e0b1f4a36"));
        Response admin =
                get("/admin/catalog/entries?prefix=chat:widget-key:", Map.of("Authorization", "Bearer " + ADMIN_TOKEN));
        Response introspection = send(
                "POST",
                "/sessions/introspect",
                "token=" + chat.body().get("sessionToken").asString(),
                Map.of(
                        "Authorization",
                        "Bearer " + INTROSPECTION_TOKEN,
                        "Content-Type",
                        "application/x-www-form-urlencoded"));

        assertThat(List.of(chat, zenskar, admin, introspection))
                .extracting(Response::status)
                .containsOnly(200);
        assertNoStore("chat create", chat);
        assertNoStore("zenskar create", zenskar);
        assertNoStore("admin", admin);
        assertNoStore("introspection", introspection);
    }

    @Test
    void errorAnswersAreNotStoredEither() {
        Map<String, Response> errors = Map.of(
                "chat validation", post(CHAT, "{\"publicKey\":\"nope\"}", Map.of()),
                "chat unknown path", post(CHAT + "/x", "{}", Map.of()),
                "chat method", get(CHAT, Map.of()),
                "container refusal", get("/algoreg/api/v1/session/%C3%28", Map.of()),
                "admin without credential", get("/admin/catalog/entries", Map.of()),
                "introspection without credential",
                        send(
                                "POST",
                                "/sessions/introspect",
                                "token=x",
                                Map.of("Content-Type", "application/x-www-form-urlencoded")),
                "internal without credential", sendTo(INTERNAL_PORT, "GET", "/internal/sessions/x", null, Map.of()),
                "management without credential", sendTo(MANAGEMENT_PORT, "GET", "/actuator/metrics", null, Map.of()));

        errors.forEach((what, answer) -> {
            assertThat(answer.status()).as(what).isGreaterThanOrEqualTo(400);
            assertNoStore(what, answer);
        });
    }
}
