package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import io.sessionflow.api.tokens.SessionTokenClaims;
import io.sessionflow.api.tokens.SessionTokens;
import io.sessionflow.api.tokens.TokenKeyring;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionExpired;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /sessions/introspect} over HTTP against sessions created through Kafka. */
class IntrospectionEndToEndTest extends EndToEndTest {

    private static final String PATH = "/sessions/introspect";
    private static final String ZENSKAR_ORGANISATION = "3f2a9c4e-8b1d-4e6f-a7c2-5d9e0b1f4a36";
    private static final Map<String, String> AUTH = Map.of(
            "Authorization", "Bearer " + INTROSPECTION_TOKEN, "Content-Type", "application/x-www-form-urlencoded");

    private static Response introspect(String token) {
        return send("POST", PATH, "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8), AUTH);
    }

    private static JsonNode chatSession() {
        Response created = post(
                "/chat/api/public/v1/chat/sessions",
                "{\"publicKey\":\"pk_live_1a2b3c4d5e6f7890abcd1234ef567890\"}",
                Map.of());
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
        assertThat(body.get("sub").asString())
                .isEqualTo(session.get("conversationId").asString());
        assertThat(body.get("provider").asString()).isEqualTo("chat");
        assertThat(body.get("tenant_id").asString()).isEqualTo("acme-outdoor");
        assertThat(body.get("session_key").asString()).isNotBlank();
        assertThat(body.get("exp").asLong())
                .isEqualTo(Instant.parse(session.get("expiresAt").asString()).getEpochSecond());
    }

    @Test
    void aJsonBodyWorksToo() {
        JsonNode session = chatSession();

        Response response = send(
                "POST",
                PATH,
                "{\"token\":\"" + session.get("sessionToken").asString() + "\"}",
                Map.of("Authorization", "Bearer " + INTROSPECTION_TOKEN));

        assertThat(response.body().get("active").asBoolean()).isTrue();
    }

    @Test
    void forgedMalformedOrUnknownTokensAreInactiveAndSayNothingMore() {
        String otherKey = "b3RoZXIgc2VjcmV0IG9mIGF0IGxlYXN0IDMyIGJ5dGVzISE=";
        SessionTokens forger =
                new SessionTokens(TokenKeyring.load("test-key", Map.of("test-key", otherKey), null), JSON);
        Instant now = Instant.now();
        String forged =
                forger.issue(new SessionTokenClaims("chat", "k", "s", "acme-outdoor", now, now.plusSeconds(60)));
        SessionTokens ours =
                new SessionTokens(TokenKeyring.load("test-key", Map.of("test-key", TOKEN_SECRET), null), JSON);
        String noSuchSession = ours.issue(new SessionTokenClaims(
                "chat", "0190c0de-0000-7000-8000-000000000000", "s", "acme-outdoor", now, now.plusSeconds(60)));

        for (String token : new String[] {forged, "not-a-token", "a.b.c", noSuchSession}) {
            Response response = introspect(token);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().toString()).isEqualTo("{\"active\":false}");
        }
    }

    @Test
    void aZenskarSessionTokenIsActiveForItsOrganisationAndATamperedOneIsNot() {
        Response created = zenskarSession(3600);
        String token = created.body().get("session_token").asString();

        JsonNode body = introspect(token).body();

        assertThat(body.get("active").asBoolean()).isTrue();
        assertThat(body.get("provider").asString()).isEqualTo("zenskar");
        assertThat(body.get("tenant_id").asString()).isEqualTo(ZENSKAR_ORGANISATION);
        assertThat(body.get("session_key").asString()).isEqualTo(token.substring(0, token.indexOf('.')));
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        assertThat(introspect(tampered).body().toString()).isEqualTo("{\"active\":false}");
    }

    @Test
    void aSessionPastItsIdleTimeoutExpiresOnceAndIsNoLongerActive() {
        String token = zenskarSession(1).body().get("session_token").asString();
        String sessionKey = sessionKey(token);

        awaitExpired(sessionKey, Duration.ofSeconds(30));
        // a session of the same partition (the same task's punctuator), created after the first expired, expired
        // later: the punctuator has run past the first one's expiry since, and must not have expired it again
        String later = laterSessionOnThePartitionOf(sessionKey);
        awaitExpired(later, Duration.ofSeconds(30));

        assertThat(expiredEvents(sessionKey))
                .singleElement()
                .satisfies(e -> assertThat(e.getTenantId()).isEqualTo(ZENSKAR_ORGANISATION));
        assertThat(introspect(token).body().toString()).isEqualTo("{\"active\":false}");
    }

    @Test
    void introspectionIsActivityThatKeepsAnIdleSessionAlive() {
        Duration idle = Duration.ofSeconds(5);
        String token = zenskarSession((int) idle.toSeconds())
                .body()
                .get("session_token")
                .asString();
        // used every second for more than two idle timeouts: without the uses it would have expired twice over
        long deadline = System.nanoTime() + idle.multipliedBy(2).plusSeconds(2).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(introspect(token).body().get("active").asBoolean())
                    .as("used every second")
                    .isTrue();
            // the use has reached the processor (the session extended) before the next idle second starts
            awaitAllRequestsDecided();
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
        }

        String sessionKey = sessionKey(token);
        awaitExpired(sessionKey, idle.plusSeconds(30));
        assertThat(expiredEvents(sessionKey)).as("left alone, it expires").hasSize(1);
        assertThat(introspect(token).body().toString()).isEqualTo("{\"active\":false}");
    }

    private static String sessionKey(String zenskarToken) {
        return zenskarToken.substring(0, zenskarToken.indexOf('.'));
    }

    private static void awaitExpired(String sessionKey, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (expiredEvents(sessionKey).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no SessionExpired for " + sessionKey + " within " + limit);
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    /** The session key of a new one-second session on the same request partition as {@code sessionKey}. */
    private static String laterSessionOnThePartitionOf(String sessionKey) {
        for (int attempt = 0; attempt < 40; attempt++) {
            String candidate =
                    sessionKey(zenskarSession(1).body().get("session_token").asString());
            if (partitionOf(candidate) == partitionOf(sessionKey)) {
                return candidate;
            }
        }
        throw new AssertionError("no session on the partition of " + sessionKey + " in 40 attempts");
    }

    private static List<SessionEvent> expiredEvents(String sessionKey) {
        List<SessionEvent> expired = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : readSessionEvents()) {
            SessionEvent event =
                    Topics.SESSION_EVENTS.valueSerde().deserializer().deserialize("", record.value());
            if (sessionKey.equals(record.key()) && event.getPayload() instanceof SessionExpired) {
                expired.add(event);
            }
        }
        return expired;
    }

    private static Response zenskarSession(int idleTimeoutSeconds) {
        Response created = post(
                "/zenskar/customers/session",
                "{\"is_guest_session\":true," + "\"return_url\":\"https://app.example/back\",\"idle_timeout\":"
                        + idleTimeoutSeconds + "}",
                Map.of("x-api-key", "zsk_demo_acme_5b8e2f71c4d94a06", "organisation", ZENSKAR_ORGANISATION));
        assertThat(created.status()).isEqualTo(200);
        return created;
    }

    @Test
    void theEndpointNeedsItsOwnCredentialAndAToken() {
        Response anonymous = send("POST", PATH, "token=x", Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().get("error").asString()).isEqualTo("invalid_token");
        Response admin = send(
                "POST",
                PATH,
                "token=x",
                Map.of("Authorization", "Bearer " + ADMIN_TOKEN, "Content-Type", "application/x-www-form-urlencoded"));
        assertThat(admin.status()).isEqualTo(401);

        Response inUrl = send("POST", PATH + "?token=abc", "", AUTH);
        assertThat(inUrl.status()).as("a token in the URL would end up in logs").isEqualTo(400);
        assertThat(inUrl.body().get("error").asString()).isEqualTo("invalid_request");

        Response missing = send("POST", PATH, "other=1", AUTH);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("error").asString()).isEqualTo("invalid_request");
    }
}
