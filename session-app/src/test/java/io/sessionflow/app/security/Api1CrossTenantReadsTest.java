package io.sessionflow.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.sessionflow.api.tokens.OpaqueTokenSubject;
import io.sessionflow.api.tokens.SessionTokenClaims;
import io.sessionflow.api.tokens.SessionTokens;
import io.sessionflow.api.tokens.TokenKeyring;
import io.sessionflow.app.EndToEndTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * OWASP API1 across tenants on the read paths that take an id: introspection, Zenskar's
 * {@code session_key} and Idempotency-Key, LivePerson's continue. Even a token validly signed with
 * the server's own key reveals a session only to the tenant it was issued for. (Algoreg's
 * {@code GET /session/{id}} with another tenant's credentials is the documented 404:
 * {@code AlgoregSessionEndToEndTest.anUnknownIdAndAnotherTenantsSessionAreTheSame404}.)
 */
class Api1CrossTenantReadsTest extends EndToEndTest {

    private static final String INACTIVE = "{\"active\":false}";
    private static final String ACME = "3f2a9c4e-8b1d-4e6f-a7c2-5d9e0b1f4a36";
    private static final String ACME_KEY = "zsk_demo_acme_5b8e2f71c4d94a06";
    private static final String GLOBEX = "9d4b2e71-6c3a-4f08-b5e1-2a7c9f0d8e14";
    private static final String GLOBEX_KEY = "zsk_demo_globex_9a3c6e18f2b74d50";
    private static final SessionTokens SIGNER =
            new SessionTokens(TokenKeyring.load("test-key", Map.of("test-key", TOKEN_SECRET), null), JSON);

    @Test
    void aChatTokenSignedWithTheServersKeyButClaimingAnotherTenantOrProviderIsInactive() {
        JsonNode session = post(
                        "/chat/api/public/v1/chat/sessions",
                        "{\"publicKey\":\"pk_live_1a2b3c4d5e6f7890abcd1234ef567890\"}",
                        Map.of())
                .body();
        JsonNode real = introspect(session.get("sessionToken").asString());
        assertThat(real.get("active").asBoolean()).isTrue();
        String sessionKey = real.get("session_key").asString();
        String sessionId = real.get("sub").asString();
        Instant now = Instant.now();

        String otherTenant = SIGNER.issue(
                new SessionTokenClaims("chat", sessionKey, sessionId, "globex-outdoor", now, now.plusSeconds(600)));
        String otherProvider = SIGNER.issue(
                new SessionTokenClaims("zenskar", sessionKey, sessionId, "acme-outdoor", now, now.plusSeconds(600)));

        assertThat(introspect(otherTenant).toString()).isEqualTo(INACTIVE);
        assertThat(introspect(otherProvider).toString()).isEqualTo(INACTIVE);
    }

    @Test
    void aZenskarTokenMadeForAnotherOrganisationIsInactive() {
        String token = zenskar(ACME, ACME_KEY, null, null).get("session_token").asString();
        JsonNode real = introspect(token);
        assertThat(real.get("tenant_id").asString()).isEqualTo(ACME);

        String forGlobex = SIGNER.issueOpaque(new OpaqueTokenSubject(
                "zenskar",
                GLOBEX,
                real.get("session_key").asString(),
                real.get("sub").asString()));

        assertThat(introspect(forGlobex).toString()).isEqualTo(INACTIVE);
    }

    @Test
    void anotherOrganisationsSessionKeyAndIdempotencyKeyReachNothingOfIt() {
        String sessionKey = "shared-" + UUID.randomUUID();
        String idempotencyKey = UUID.randomUUID().toString();
        JsonNode acme = zenskar(ACME, ACME_KEY, sessionKey, idempotencyKey);
        JsonNode acmeAgain = zenskar(ACME, ACME_KEY, sessionKey, idempotencyKey);

        JsonNode globex = zenskar(GLOBEX, GLOBEX_KEY, sessionKey, idempotencyKey);

        assertThat(acmeAgain).as("the same organisation's retry").isEqualTo(acme);
        assertThat(globex.get("session_token").asString())
                .isNotEqualTo(acme.get("session_token").asString());
        assertThat(introspect(globex.get("session_token").asString())
                        .get("tenant_id")
                        .asString())
                .isEqualTo(GLOBEX);
        assertThat(introspect(globex.get("session_token").asString())
                        .get("session_key")
                        .asString())
                .isNotEqualTo(introspect(acme.get("session_token").asString())
                        .get("session_key")
                        .asString());
    }

    @Test
    void aLivePersonVisitsIdsUnderAnotherAccountAreNotFound() {
        JsonNode visit = post(
                        "/liveperson/api/account/12345678/app/engagement/visitors?v=1.0",
                        "{\"appType\":\"MSDK\",\"consumerSections\":[\"Support\"]}",
                        Map.of())
                .body();
        String ids = "/" + visit.get("visitorId").asString() + "?v=1.0&sid="
                + visit.get("sessionId").asString();

        Response otherAccount = send(
                "PUT",
                "/liveperson/api/account/demo_no_engagement/app/engagement/visitors" + ids,
                "{\"pageId\":\"1\"}",
                Map.of());
        Response ownAccount = send(
                "PUT",
                "/liveperson/api/account/12345678/app/engagement/visitors" + ids,
                "{\"pageId\":\"1\"}",
                Map.of());

        assertThat(otherAccount.status()).isEqualTo(404);
        assertThat(otherAccount.body().get("internalCode").asInt()).isEqualTo(201);
        assertThat(ownAccount.status()).isEqualTo(200);
    }

    /** A guest session of the organisation, with a {@code session_key} and an Idempotency-Key when not null. */
    private static JsonNode zenskar(String organisation, String apiKey, String sessionKey, String idempotencyKey) {
        String body = "{\"is_guest_session\":true,\"return_url\":\"https://app.example/back\""
                + (sessionKey == null ? "" : ",\"session_key\":\"" + sessionKey + "\"") + "}";
        Map<String, String> headers = idempotencyKey == null
                ? Map.of("x-api-key", apiKey, "organisation", organisation)
                : Map.of("x-api-key", apiKey, "organisation", organisation, "Idempotency-Key", idempotencyKey);
        Response created = post("/zenskar/customers/session", body, headers);
        assertThat(created.status()).isEqualTo(200);
        return created.body();
    }

    private static JsonNode introspect(String token) {
        Response response = send(
                "POST",
                "/sessions/introspect",
                "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8),
                Map.of(
                        "Authorization",
                        "Bearer " + INTROSPECTION_TOKEN,
                        "Content-Type",
                        "application/x-www-form-urlencoded"));
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }
}
