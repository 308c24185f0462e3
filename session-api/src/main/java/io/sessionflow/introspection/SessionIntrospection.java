package io.sessionflow.introspection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.sessionflow.query.SessionLookup;
import io.sessionflow.query.SessionQueryService;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionResumed;
import io.sessionflow.tokens.SessionTokenClaims;
import io.sessionflow.tokens.SessionTokens;

/**
 * Decides whether a session token is active: it must verify (signature, key id, its own expiry)
 * and name a session that the projections' {@code sessions-by-key} store holds, with the same
 * session id and an expiry still ahead. Anything else is inactive, without saying why (RFC 7662).
 */
public final class SessionIntrospection {

    /** The answer: {@link Active}, {@link Inactive}, or {@link Unavailable} when the store cannot be read. */
    public sealed interface Result {
    }

    public record Active(SessionTokenClaims claims, SessionEvent session, Instant expiresAt) implements Result {
    }

    public record Inactive() implements Result {
    }

    public record Unavailable() implements Result {
    }

    private final SessionTokens tokens;
    private final SessionQueryService queries;
    private final Duration lookupWait;
    private final Clock clock;

    public SessionIntrospection(SessionTokens tokens, SessionQueryService queries, Duration lookupWait, Clock clock) {
        this.tokens = tokens;
        this.queries = queries;
        this.lookupWait = lookupWait;
        this.clock = clock;
    }

    public CompletableFuture<Result> introspect(String token) {
        Instant now = clock.instant();
        Optional<SessionTokenClaims> verified = tokens.verify(token, now);
        if (verified.isEmpty()) {
            return CompletableFuture.completedFuture(new Inactive());
        }
        SessionTokenClaims claims = verified.get();
        return queries.session(claims.sessionKey(), lookupWait).thenApply(lookup -> {
            if (lookup instanceof SessionLookup.Unavailable) {
                return new Unavailable();
            }
            if (!(lookup instanceof SessionLookup.Found found)) {
                return new Inactive();
            }
            SessionEvent session = found.event();
            String sessionId;
            Instant expiresAt;
            if (session.getPayload() instanceof SessionCreated created) {
                sessionId = created.getSessionId();
                expiresAt = created.getExpiresAt();
            } else if (session.getPayload() instanceof SessionResumed resumed) {
                sessionId = resumed.getSessionId();
                expiresAt = resumed.getExpiresAt();
            } else {
                return new Inactive();
            }
            boolean active = sessionId.equals(claims.sessionId()) && now.isBefore(expiresAt)
                    && session.getProvider().name().equalsIgnoreCase(claims.provider());
            return active ? new Active(claims, session, expiresAt) : new Inactive();
        });
    }
}
