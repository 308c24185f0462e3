package io.sessionflow.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sessionflow.app.EndToEndTest;
import org.junit.jupiter.api.Test;

/**
 * OWASP API8 (security misconfiguration), CORS of the chat widget over plain HTTP: a preflight is
 * granted exactly to origins an enabled widget key of the catalog allows (compared as RFC 6454
 * serialises origins), with only what the widget needs and no credentials; nothing else gets CORS
 * headers. {@link Api8CorsBrowserTest} proves the same in a real browser.
 */
class Api8CorsTest extends EndToEndTest {

    private static final String CHAT = "/chat/api/public/v1/chat/sessions";
    /** the demo catalog's key allowing https://shop.acme.example and http://localhost:3000 */
    private static final String OPEN_KEY = "pk_live_1a2b3c4d5e6f7890abcd1234ef567890";

    private static final String ALLOWED = "https://shop.acme.example";
    private static final Map<String, String> ADMIN = Map.of("Authorization", "Bearer " + ADMIN_TOKEN);

    private static Response preflight(String path, String origin) {
        return preflight(path, origin, "POST", "content-type,idempotency-key");
    }

    private static Response preflight(String path, String origin, String method, String headers) {
        return send(
                "OPTIONS",
                path,
                null,
                Map.of(
                        "Origin",
                        origin,
                        "Access-Control-Request-Method",
                        method,
                        "Access-Control-Request-Headers",
                        headers));
    }

    private static List<String> header(Response response, String name) {
        return response.headers().getOrDefault(name.toLowerCase(), List.of());
    }

    private static List<String> corsHeaders(Response response) {
        return response.headers().keySet().stream()
                .filter(h -> h.toLowerCase().startsWith("access-control-"))
                .toList();
    }

    private static void assertRefusedInChatFormat(Response response) {
        assertThat(response.status()).isEqualTo(403);
        assertThat(corsHeaders(response)).isEmpty();
        assertThat(header(response, "Content-Type")).anyMatch(t -> t.startsWith("application/json"));
        assertThat(fieldNames(response.body())).containsExactly("error", "message", "details");
        assertThat(response.body().get("error").asString()).isEqualTo("origin_not_allowed");
    }

    @Test
    void aPreflightFromAnAllowedOriginIsGrantedWhatTheWidgetNeedsAndNoCredentials() {
        Response response = preflight(CHAT, ALLOWED);

        assertThat(response.status()).isEqualTo(200);
        assertThat(header(response, "Access-Control-Allow-Origin")).containsExactly(ALLOWED);
        assertThat(header(response, "Access-Control-Allow-Methods")).containsExactly("POST");
        assertThat(String.join(",", header(response, "Access-Control-Allow-Headers"))
                        .toLowerCase())
                .isEqualTo("content-type, idempotency-key");
        assertThat(header(response, "Access-Control-Max-Age")).containsExactly("600");
        assertThat(String.join(",", header(response, "Vary"))).contains("Origin");
        assertThat(header(response, "Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void theDefaultPortWrittenOutIsTheSameOrigin() {
        Response response = preflight(CHAT, "https://shop.acme.example:443");

        assertThat(response.status()).isEqualTo(200);
        assertThat(header(response, "Access-Control-Allow-Origin")).containsExactly("https://shop.acme.example:443");
    }

    @Test
    void aPreflightFromAnythingButAnAllowedOriginIsRefusedInChatsFormat() {
        for (String origin : List.of(
                "https://shop.acme.example/evil",
                "https://shop.acme.example/",
                "https://evil.example",
                "https://shop.acme.example:8443",
                "http://shop.acme.example",
                "https://shop.acme.example.evil.example",
                "https://user@shop.acme.example",
                "null",
                "https://orders.acme.example.",
                "https://old.example")) {
            assertRefusedInChatFormat(preflight(CHAT, origin));
        }
    }

    @Test
    void aPreflightForAnotherMethodOrOtherHeadersIsRefused() {
        assertRefusedInChatFormat(preflight(CHAT, ALLOWED, "PUT", "content-type"));
        assertRefusedInChatFormat(preflight(CHAT, ALLOWED, "POST", "content-type,authorization"));
    }

    @Test
    void theAnswerToAnAllowedOriginCarriesItsOriginErrorsIncluded() {
        Response created = post(CHAT, "{\"publicKey\":\"" + OPEN_KEY + "\"}", Map.of("Origin", ALLOWED));
        assertThat(created.status()).isEqualTo(200);
        assertThat(header(created, "Access-Control-Allow-Origin")).containsExactly(ALLOWED);
        assertThat(header(created, "Access-Control-Allow-Credentials")).isEmpty();

        Response invalid = post(CHAT, "{\"publicKey\":42}", Map.of("Origin", ALLOWED));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(header(invalid, "Access-Control-Allow-Origin")).containsExactly(ALLOWED);

        // allowed by a key of the catalog, not by this one: the processor refuses, readably for the browser
        Response otherKey =
                post(CHAT, "{\"publicKey\":\"pk_live_0f1e2d3c4b5a69788796a5b4c3d2e1f0\"}", Map.of("Origin", ALLOWED));
        assertThat(otherKey.status()).isEqualTo(403);
        assertThat(otherKey.body().get("error").asString()).isEqualTo("origin_not_allowed");
        assertThat(header(otherKey, "Access-Control-Allow-Origin")).containsExactly(ALLOWED);
    }

    @Test
    void theAnswerToAnyOtherOriginCarriesNoCorsHeadersAndTheProcessorRefusesIt() {
        for (String origin : List.of("https://evil.example", "https://shop.acme.example/evil")) {
            Response response = post(CHAT, "{\"publicKey\":\"" + OPEN_KEY + "\"}", Map.of("Origin", origin));

            assertThat(response.status()).as(origin).isEqualTo(403);
            assertThat(response.body().get("error").asString()).isEqualTo("origin_not_allowed");
            assertThat(corsHeaders(response)).as(origin).isEmpty();
        }
    }

    @Test
    void otherSurfacesAnswerNoCorsHeaders() {
        for (String path : List.of(
                "/zenskar/customers/session",
                "/algoreg/api/v1/session",
                "/sessions/introspect",
                "/admin/catalog",
                "/liveperson/api/account/12345678/app/engagement/visitors?v=1.0")) {
            assertThat(corsHeaders(preflight(path, ALLOWED))).as(path).isEmpty();
            Map<String, String> headers = new HashMap<>(Map.of("Origin", ALLOWED));
            assertThat(corsHeaders(post(path, "{}", headers))).as(path).isEmpty();
        }
    }

    @Test
    void aWidgetKeyChangedThroughTheAdminApiChangesCorsWithinSeconds() {
        String origin = "https://cors-live.example:8443";
        String key = "pk_live_c0125c0125c0125c0125c0125c0125c0";
        String document = """
                {"chat": {"tenants": [{"id": "cors-live-tenant",
                  "widgetKeys": [{"publicKey": "%s", "enabled": %s, "allowedOrigins": ["%s"],
                                  "allowsAllIntents": true}]}]}}""";
        assertThat(preflight(CHAT, origin).status()).isEqualTo(403);

        assertThat(send("PUT", "/admin/catalog", document.formatted(key, true, "HTTPS://CORS-live.example:8443"), ADMIN)
                        .status())
                .isEqualTo(200);
        Response granted = eventually(() -> preflight(CHAT, origin), r -> r.status() == 200);
        assertThat(header(granted, "Access-Control-Allow-Origin")).containsExactly(origin);

        assertThat(send("PUT", "/admin/catalog", document.formatted(key, false, origin), ADMIN)
                        .status())
                .isEqualTo(200);
        assertRefusedInChatFormat(eventually(() -> preflight(CHAT, origin), r -> r.status() == 403));
    }
}
