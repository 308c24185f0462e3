package io.sessionflow.api.tokens;

import java.util.Objects;

/**
 * The session an opaque session token stands for: everything its verifier is computed over. Issuing
 * and verifying both need it, so a token is checked against the session it names (looked up by the
 * token's selector, the session key), not against anything the token claims.
 *
 * @param provider   the provider surface, lower case ("zenskar")
 * @param tenantId   the tenant (Zenskar: the organisation id)
 * @param sessionKey the session's key on the session-events topic: the token's public selector
 * @param sessionId  the provider-facing session id
 */
public record OpaqueTokenSubject(String provider, String tenantId, String sessionKey, String sessionId) {

    public OpaqueTokenSubject {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(sessionKey, "sessionKey");
        Objects.requireNonNull(sessionId, "sessionId");
    }
}
