package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import io.sessionflow.tokens.SessionTokenClaims;
import io.sessionflow.tokens.SessionTokens;
import io.sessionflow.tokens.TokenKeyring;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /sessions/introspect} over HTTP against sessions created through Kafka. */
class IntrospectionEndToEndTest extends EndToEndTest {

    private static final String PATH = "/sessions/introspect";
    private static final Map<String, String> AUTH = Map.of("Authorization", "Bearer " + INTROSPECTION_TOKEN,
            "Content-Type", "application/x-www-form-urlencoded");

    private static Response introspect(String token) {
        return send("POST", PATH, "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8), AUTH);
    }

    private static JsonNode chatSession() {
        Response created = post("/chat/api/public/v1/chat/sessions",
                "{\"publicKey\":\"pk_live_1a2b3c4d5e6f7890abcd1234ef567890\"}", Map.of());
        assertThat(created.status()).isEqualTo(200);
        return created.body();
    }

    @Test
    void aLiveChatSessionTokenIsActiveWithItsSessionTenantAndExpiry() {
        JsonNode session = chatSession();

        Response response = introspect(session.get("sessionToken").asString());

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.body();
        assertThat(body.get("active").asBoolean()).isTrue();
        assertThat(body.get("sub").asString()).isEqualTo(session.get("conversationId").asString());
        assertThat(body.get("provider").asString()).isEqualTo("chat");
        assertThat(body.get("tenant_id").asString()).isEqualTo("acme-outdoor");
        assertThat(body.get("session_key").asString()).isNotBlank();
        assertThat(body.get("exp").asLong())
                .isEqualTo(Instant.parse(session.get("expiresAt").asString()).getEpochSecond());
    }

    @Test
    void aJsonBodyWorksToo() {
        JsonNode session = chatSession();

        Response response = send("POST", PATH, "{\"token\":\"" + session.get("sessionToken").asString() + "\"}",
                Map.of("Authorization", "Bearer " + INTROSPECTION_TOKEN));

        assertThat(response.body().get("active").asBoolean()).isTrue();
    }

    @Test
    void forgedMalformedOrUnknownTokensAreInactiveAndSayNothingMore() {
        String otherKey = "b3RoZXIgc2VjcmV0IG9mIGF0IGxlYXN0IDMyIGJ5dGVzISE=";
        SessionTokens forger = new SessionTokens(TokenKeyring.load("test-key", Map.of("test-key", otherKey), null), JSON);
        Instant now = Instant.now();
        String forged = forger.issue(new SessionTokenClaims("chat", "k", "s", "acme-outdoor", now, now.plusSeconds(60)));
        SessionTokens ours = new SessionTokens(TokenKeyring.load("test-key", Map.of("test-key", TOKEN_SECRET), null), JSON);
        String noSuchSession = ours.issue(new SessionTokenClaims("chat", "0190c0de-0000-7000-8000-000000000000", "s",
                "acme-outdoor", now, now.plusSeconds(60)));

        for (String token : new String[] {forged, "not-a-token", "a.b.c", noSuchSession}) {
            Response response = introspect(token);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().toString()).isEqualTo("{\"active\":false}");
        }
    }

    @Test
    void theEndpointNeedsItsOwnCredentialAndAToken() {
        Response anonymous = send("POST", PATH, "token=x", Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().get("error").asString()).isEqualTo("invalid_token");
        Response admin = send("POST", PATH, "token=x", Map.of("Authorization", "Bearer " + ADMIN_TOKEN,
                "Content-Type", "application/x-www-form-urlencoded"));
        assertThat(admin.status()).isEqualTo(401);

        Response missing = send("POST", PATH, "other=1", AUTH);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("error").asString()).isEqualTo("invalid_request");
    }
}
