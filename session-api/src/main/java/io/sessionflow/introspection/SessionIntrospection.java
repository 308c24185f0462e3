package io.sessionflow.introspection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import io.sessionflow.query.SessionLookup;
import io.sessionflow.query.SessionQueryService;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionResumed;
import io.sessionflow.tokens.OpaqueTokenSubject;
import io.sessionflow.tokens.SessionTokenClaims;
import io.sessionflow.tokens.SessionTokens;

/**
 * Decides whether a session token is active. The providers that issue bearer tokens: the chat
 * widget (a signed JWT: it must verify, with its own expiry ahead) and Zenskar (an opaque
 * {@code <session key>.<key id>.<mac>}: its mac must verify against the session it names). Either
 * way the token must name a session that the projections' {@code sessions-by-key} store holds,
 * of that provider, with that session id and an expiry still ahead. Anything else is inactive,
 * without saying why (RFC 7662). Algoreg and LivePerson issue no bearer token: their session ids
 * are identifiers, not credentials.
 */
public final class SessionIntrospection {

    /** The answer: {@link Active}, {@link Inactive}, or {@link Unavailable} when the store cannot be read. */
    public sealed interface Result {
    }

    /**
     * @param provider  lower case, as on the provider's base path
     * @param session   the session's current state
     * @param issuedAt  when the token (or, for an opaque token, its session) was issued
     * @param expiresAt the session's expiry
     */
    public record Active(String provider, SessionEvent session, String sessionId, Instant issuedAt,
                         Instant expiresAt) implements Result {
    }

    public record Inactive() implements Result {
    }

    public record Unavailable() implements Result {
    }

    /** A token's claim on a session, checked against the session once it is read. */
    private record Claim(String provider, String sessionKey, Instant issuedAt, Predicate<SessionState> verifies) {
    }

    private record SessionState(SessionEvent event, String sessionId, Instant createdAt, Instant expiresAt) {
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
        Optional<Claim> claim = signedClaim(token, now).or(() -> opaqueClaim(token));
        if (claim.isEmpty()) {
            return CompletableFuture.completedFuture(new Inactive());
        }
        return queries.session(claim.get().sessionKey(), lookupWait)
                .thenApply(lookup -> answer(lookup, claim.get(), now));
    }

    private Optional<Claim> signedClaim(String token, Instant now) {
        return tokens.verify(token, now).map((SessionTokenClaims claims) -> new Claim(claims.provider(),
                claims.sessionKey(), claims.issuedAt(), session -> session.sessionId().equals(claims.sessionId())
                        && claims.tenantId() != null && claims.tenantId().equals(session.event().getTenantId())));
    }

    private Optional<Claim> opaqueClaim(String token) {
        return tokens.opaqueSelector(token).map(sessionKey -> new Claim("zenskar", sessionKey, null,
                session -> session.event().getTenantId() != null && tokens.verifyOpaque(token, new OpaqueTokenSubject(
                        "zenskar", session.event().getTenantId(), sessionKey, session.sessionId()))));
    }

    private static Result answer(SessionLookup lookup, Claim claim, Instant now) {
        if (lookup instanceof SessionLookup.Unavailable) {
            return new Unavailable();
        }
        if (!(lookup instanceof SessionLookup.Found found)) {
            return new Inactive();
        }
        SessionState session = state(found.event());
        boolean active = session != null
                && claim.provider().equals(found.event().getProvider().name().toLowerCase(Locale.ROOT))
                && now.isBefore(session.expiresAt())
                && claim.verifies().test(session);
        return active ? new Active(claim.provider(), found.event(), session.sessionId(),
                claim.issuedAt() == null ? session.createdAt() : claim.issuedAt(), session.expiresAt())
                : new Inactive();
    }

    private static SessionState state(SessionEvent event) {
        if (event.getPayload() instanceof SessionCreated created) {
            return new SessionState(event, created.getSessionId(), created.getCreatedAt(), created.getExpiresAt());
        }
        if (event.getPayload() instanceof SessionResumed resumed) {
            return new SessionState(event, resumed.getSessionId(), resumed.getCreatedAt(), resumed.getExpiresAt());
        }
        return null;
    }
}
