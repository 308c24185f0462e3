package io.sessionflow.api.introspection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;

import io.sessionflow.api.ProviderSurface;
import io.sessionflow.api.SessionRequestPublisher;
import io.sessionflow.api.tokens.OpaqueTokenSubject;
import io.sessionflow.api.tokens.SessionTokenClaims;
import io.sessionflow.api.tokens.SessionTokens;
import io.sessionflow.projections.query.SessionLookup;
import io.sessionflow.projections.query.SessionQueries;
import io.sessionflow.schemas.SessionState;
import io.sessionflow.schemas.SessionStates;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.events.SessionActivity;
import io.sessionflow.schemas.events.SessionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a session token is active. A provider issues bearer tokens of one of two kinds: a
 * signed JWT that names its provider (it must verify, with its own expiry ahead), or, where its surface
 * says so ({@link ProviderSurface#issuesOpaqueTokens}), an opaque {@code <session key>.<key id>.<mac>}
 * (its mac must verify against the session it names). Either way the token must name a session that the
 * projections' {@code sessions-by-key} store holds, of that provider, with that session id and an expiry
 * still ahead. Anything else is inactive, without saying why (RFC 7662). Providers whose session ids are
 * identifiers, not credentials, issue no bearer token.
 *
 * <p>A successful introspection is a use of the session: for a session with an idle timeout it
 * publishes a {@code SessionActivity} to {@code sessionflow.session-activity} (without waiting),
 * at most once per tenth of the idle timeout (at least a second, at most a minute), so that a
 * token checked on every call does not write on every call.
 */
public final class SessionIntrospection {

    /** The answer: {@link Active}, {@link Inactive}, or {@link Unavailable} when the store cannot be read. */
    public sealed interface Result {}

    /**
     * @param provider  lower case, as on the provider's base path
     * @param session   the session's current state
     * @param issuedAt  when the token (or, for an opaque token, its session) was issued
     * @param expiresAt the session's expiry
     */
    public record Active(String provider, SessionEvent session, String sessionId, Instant issuedAt, Instant expiresAt)
            implements Result {}

    public record Inactive() implements Result {}

    public record Unavailable() implements Result {}

    /**
     * A token's claim on a session, checked against the session once it is read.
     *
     * @param providers the providers the session may be of
     * @param verifies  whether the token verifies against the session, of the provider it is of
     */
    private record Claim(
            Set<String> providers, String sessionKey, Instant issuedAt, BiPredicate<String, SessionState> verifies) {}

    private static final Logger LOG = LoggerFactory.getLogger(SessionIntrospection.class);
    private static final Duration MIN_EXTENSION = Duration.ofSeconds(1);
    private static final Duration MAX_EXTENSION = Duration.ofMinutes(1);

    private final SessionTokens tokens;
    private final SessionQueries queries;
    private final SessionRequestPublisher publisher;
    private final Set<String> opaqueTokenProviders;
    private final Duration lookupWait;
    private final Clock clock;

    public SessionIntrospection(
            SessionTokens tokens,
            SessionQueries queries,
            SessionRequestPublisher publisher,
            Set<String> opaqueTokenProviders,
            Duration lookupWait,
            Clock clock) {
        this.tokens = tokens;
        this.queries = queries;
        this.publisher = publisher;
        this.opaqueTokenProviders = Set.copyOf(opaqueTokenProviders);
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
                .thenApply(lookup -> answer(lookup, claim.get(), now))
                .whenComplete((result, error) -> {
                    if (result instanceof Active active) {
                        recordActivity(active, now);
                    }
                });
    }

    private void recordActivity(Active active, Instant now) {
        Optional<Duration> idle = SessionStates.idleTimeout(active.session());
        if (idle.isEmpty()) {
            return;
        }
        Duration step = idle.get().dividedBy(10);
        step = step.compareTo(MIN_EXTENSION) < 0
                ? MIN_EXTENSION
                : step.compareTo(MAX_EXTENSION) > 0 ? MAX_EXTENSION : step;
        if (now.plus(idle.get()).isBefore(active.expiresAt().plus(step))) {
            return;
        }
        String sessionKey = active.session().getSessionKey();
        publisher
                .publish(
                        Topics.SESSION_ACTIVITY,
                        sessionKey,
                        SessionActivity.newBuilder()
                                .setSessionKey(sessionKey)
                                .setOccurredAt(now)
                                .build())
                .exceptionally(error -> {
                    LOG.warn("Activity of session {} not recorded: {}", sessionKey, error.toString());
                    return null;
                });
    }

    private Optional<Claim> signedClaim(String token, Instant now) {
        return tokens.verify(token, now)
                .map((SessionTokenClaims claims) -> new Claim(
                        claims.provider() == null ? Set.of() : Set.of(claims.provider()),
                        claims.sessionKey(),
                        claims.issuedAt(),
                        (provider, session) -> session.sessionId().equals(claims.sessionId())
                                && claims.tenantId() != null
                                && claims.tenantId().equals(session.event().getTenantId())));
    }

    private Optional<Claim> opaqueClaim(String token) {
        if (opaqueTokenProviders.isEmpty()) {
            return Optional.empty();
        }
        return tokens.readOpaque(token)
                .map(opaque -> new Claim(
                        opaqueTokenProviders,
                        opaque.selector(),
                        null,
                        (provider, session) -> session.event().getTenantId() != null
                                && tokens.verify(
                                        opaque,
                                        new OpaqueTokenSubject(
                                                provider,
                                                session.event().getTenantId(),
                                                opaque.selector(),
                                                session.sessionId()))));
    }

    private static Result answer(SessionLookup lookup, Claim claim, Instant now) {
        if (lookup instanceof SessionLookup.Unavailable) {
            return new Unavailable();
        }
        if (!(lookup instanceof SessionLookup.Found found)) {
            return new Inactive();
        }
        SessionState session = SessionState.of(found.event()).orElse(null);
        String provider = found.event().getProvider().name().toLowerCase(Locale.ROOT);
        boolean active = session != null
                && claim.providers().contains(provider)
                && now.isBefore(session.expiresAt())
                && claim.verifies().test(provider, session);
        return active
                ? new Active(
                        provider,
                        found.event(),
                        session.sessionId(),
                        claim.issuedAt() == null ? session.createdAt() : claim.issuedAt(),
                        session.expiresAt())
                : new Inactive();
    }
}
