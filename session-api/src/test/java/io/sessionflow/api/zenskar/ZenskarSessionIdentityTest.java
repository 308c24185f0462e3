package io.sessionflow.api.zenskar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.sessionflow.api.SessionKeys;
import io.sessionflow.api.SessionKeys.RequestFingerprint;
import io.sessionflow.api.SessionRequests.RequestIdentity;
import io.sessionflow.schemas.secrets.Keyring;
import org.junit.jupiter.api.Test;

/** How a Zenskar request is keyed: which requests reach the same session, and which are the same request. */
class ZenskarSessionIdentityTest {

    private static final String ACME = "3f2a9c4e-8b1d-4e6f-a7c2-5d9e0b1f4a36";
    private static final String GLOBEX = "9d4b2e71-6c3a-4f08-b5e1-2a7c9f0d8e14";
    private static final String CUSTOMER = "b7e4c1a2-5f3d-4a8b-9c6e-1d2f3a4b5c6d";

    private static final SessionKeys KEYS =
            new SessionKeys(new Keyring("Id", "k", Map.of("k", new byte[Keyring.MIN_SECRET_BYTES])));

    private static RequestIdentity identity(
            String organisationId, ZenskarSessionRequest request, String idempotencyKey) {
        return ZenskarSessionController.identity(KEYS, organisationId, request, idempotencyKey);
    }

    private static ZenskarSessionRequest request(String sessionKey) {
        return new ZenskarSessionRequest(CUSTOMER, false, "https://app.example/back", 3600, sessionKey);
    }

    @Test
    void theSameSessionKeyInTheSameOrganisationIsTheSameSessionButEachCallIsItsOwnRequest() {
        RequestIdentity first = identity(ACME, request("cart-1"), null);
        RequestIdentity second = identity(ACME, request("cart-1"), null);

        assertThat(second.sessionKey()).isEqualTo(first.sessionKey());
        assertThat(second.requestKey()).isNotEqualTo(first.requestKey()).isNotEqualTo(second.sessionKey());
        assertThat(second.fingerprint())
                .as("without an Idempotency-Key each call's fingerprint is salted apart")
                .isNotEqualTo(first.fingerprint());
        assertThat(identity(GLOBEX, request("cart-1"), null).sessionKey())
                .as("another organisation")
                .isNotEqualTo(first.sessionKey());
        assertThat(identity(ACME, request("cart-2"), null).sessionKey()).isNotEqualTo(first.sessionKey());
    }

    @Test
    void anIdempotencyKeyMakesTheSameRequestAndWithoutSessionKeyTheSameSession() {
        RequestIdentity first = identity(ACME, request(null), "idem-1");
        RequestIdentity retry = identity(ACME, request(null), "idem-1");
        RequestIdentity withSessionKey = identity(ACME, request("idem-1"), "idem-1");

        assertThat(retry).isEqualTo(first);
        assertThat(withSessionKey.sessionKey())
                .as("session_key and Idempotency-Key are separate namespaces")
                .isNotEqualTo(first.sessionKey());
        assertThat(withSessionKey.requestKey())
                .as("another session's request: request keys are scoped to their session")
                .isNotEqualTo(first.requestKey());
    }

    @Test
    void withoutEitherKeyEveryCallIsANewSessionAndItsOwnRequest() {
        RequestIdentity first = identity(ACME, request(null), null);
        RequestIdentity second = identity(ACME, request(null), null);

        assertThat(first.requestKey()).isEqualTo(first.sessionKey());
        assertThat(second.sessionKey()).isNotEqualTo(first.sessionKey());
    }

    @Test
    void theFingerprintCoversEveryFieldAndTheOrganisation() {
        RequestFingerprint base = identity(ACME, request("k"), "idem").fingerprint();

        assertThat(identity(ACME, request("k"), "idem").fingerprint()).isEqualTo(base);
        assertThat(identity(GLOBEX, request("k"), "idem").fingerprint()).isNotEqualTo(base);
        assertThat(identity(
                                ACME,
                                new ZenskarSessionRequest(CUSTOMER, false, "https://app.example/other", 3600, "k"),
                                "idem")
                        .fingerprint())
                .isNotEqualTo(base);
        assertThat(identity(
                                ACME,
                                new ZenskarSessionRequest(CUSTOMER, false, "https://app.example/back", 60, "k"),
                                "idem")
                        .fingerprint())
                .isNotEqualTo(base);
        assertThat(identity(ACME, new ZenskarSessionRequest(null, true, "https://app.example/back", 3600, "k"), "idem")
                        .fingerprint())
                .isNotEqualTo(base);
        assertThat(identity(ACME, request("other"), "idem").fingerprint()).isNotEqualTo(base);
    }

    @Test
    void theRedirectUrlPercentEncodesTheReturnUrl() {
        assertThat(ZenskarSessionResponse.redirectUrl(
                        "https://portal.acme-billing.example", "s-1", "https://app.example/back?a=1&b=two words#x"))
                .isEqualTo("https://portal.acme-billing.example/session/s-1?return_url="
                        + "https%3A%2F%2Fapp.example%2Fback%3Fa%3D1%26b%3Dtwo%20words%23x");
    }
}
