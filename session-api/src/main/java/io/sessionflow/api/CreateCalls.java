package io.sessionflow.api;

/**
 * What every provider controller's create call goes through, whatever the provider: the body cap
 * ({@link ApiProperties}), the keys and fingerprints of its request ({@link SessionKeys}), and the submission
 * and its outcome ({@link SessionRequests}). One bean, so that a controller names only what is its own.
 */
public record CreateCalls(SessionRequests sessions, SessionKeys keys, ApiProperties properties) {}
