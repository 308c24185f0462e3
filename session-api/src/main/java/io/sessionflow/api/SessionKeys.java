package io.sessionflow.api;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Session keys: the Kafka key of every event of a session. A request without a reuse key gets a
 * new time-ordered UUID (version 7); a request with one gets a UUID derived from provider, scope
 * (the tenant or widget key) and that reuse key (version 8, SHA-256 based), so that a retry lands
 * on the same key, the same partition and the same session.
 */
public final class SessionKeys {

    private SessionKeys() {
    }

    /** The longest Idempotency-Key accepted (the IETF draft leaves it to the server; Stripe's limit). */
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    /** @return why an Idempotency-Key header is refused, or null when it is acceptable (or absent) */
    public static String idempotencyKeyProblem(String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
            return "Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters";
        }
        return null;
    }

    public static String newKey() {
        long millis = System.currentTimeMillis();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    public static String derivedKey(String provider, String scope, String reuseKey) {
        byte[] hash = Sha256.of(provider.length() + ":" + provider + scope.length() + ":" + scope + reuseKey);
        ByteBuffer buffer = ByteBuffer.wrap(hash);
        long msb = (buffer.getLong() & ~0xF000L) | 0x8000L;
        long lsb = (buffer.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /**
     * The request key of a call sent with an Idempotency-Key to a session that other calls may reach
     * too (a LivePerson visit, a Zenskar {@code session_key}): derived from provider, tenant, session
     * and key, so a retry is the same request and the same key on another session is another one, as
     * the processor and the projections keep requests ({@code <session key>/<request key>}).
     */
    public static String requestKey(String provider, String tenant, String sessionKey, String idempotencyKey) {
        return derivedKey(provider + "-request", tenant + ":" + sessionKey, idempotencyKey);
    }

    /**
     * The fingerprint of a request: SHA-256 (hex) of everything that defines it, given as parts in a
     * fixed order (null parts count as such). It travels on the public session-events topic, so it is
     * salted with the Idempotency-Key — only requests with the same key are ever compared — or, for a
     * request without one (never replayed), a random value: an unsalted hash of a short personal
     * value (a customer id, a reference) could be reversed by trying every value.
     *
     * @param idempotencyKey the request's Idempotency-Key, or null
     */
    public static String fingerprint(String idempotencyKey, Object... parts) {
        StringBuilder canonical = new StringBuilder(idempotencyKey == null ? "once:" + UUID.randomUUID()
                : "key:" + idempotencyKey.length() + ":" + idempotencyKey).append(';');
        for (Object part : parts) {
            String text = String.valueOf(part);
            canonical.append(text.length()).append(':').append(text).append(';');
        }
        return HexFormat.of().formatHex(Sha256.of(canonical.toString()));
    }

}
