package io.sessionflow.api;

/**
 * A provider's HTTP surface: its base path's first segment, its error format for each status, and its
 * answers to a create call that created no session. Implemented in the provider's own package and
 * declared there as a bean of its {@link ProviderApi} configuration; shared code iterates over the
 * registered ones ({@link Surfaces}). Every provider surface is rate limited per client address.
 */
public interface ProviderSurface extends Surface {

    /** Its answers to an Idempotency-Key reused, no decision in time, a rejection. */
    CreateAnswers createAnswers();

    /**
     * Whether its session tokens are opaque ({@code SessionTokens#opaque}), named by this surface's first
     * segment as their provider, rather than signed JWTs that name their provider: introspection then tries
     * an opaque token against this provider's sessions.
     */
    default boolean issuesOpaqueTokens() {
        return false;
    }

    @Override
    default boolean rateLimited() {
        return true;
    }

    @Override
    default boolean credentialed() {
        return false;
    }
}
