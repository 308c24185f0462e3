package io.sessionflow.api.tokens;

import java.time.Instant;

/**
 * What a session token asserts.
 *
 * @param provider   the provider surface, lower case ("chat")
 * @param sessionKey the session's key on the session-events topic
 * @param sessionId  the provider-facing session id (chat: conversationId)
 * @param tenantId   the tenant the session belongs to
 */
public record SessionTokenClaims(
        String provider, String sessionKey, String sessionId, String tenantId, Instant issuedAt, Instant expiresAt) {}
