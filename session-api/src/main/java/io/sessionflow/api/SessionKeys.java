package io.sessionflow.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

import io.sessionflow.schemas.secrets.Keyring;
import io.sessionflow.schemas.secrets.RandomIds;

/**
 * Session keys (the Kafka key of every event of a session), request keys, request fingerprints and
 * pseudonyms, all keyed with the server's id keys ({@code sessionflow.ids.keys}), which only the API
 * holds. A request without a reuse key gets a new random time-ordered UUID (version 7); a request with
 * one gets a UUID derived by HMAC from provider, scope (the tenant or widget key) and that reuse key
 * (version 8), so that a retry lands on the same key, the same partition and the same session, while
 * nobody without the secret can compute the key of someone else's session from the public values it
 * derives from.
 *
 * <p>Rotation: derivations use the active key, so a retry that spans a change of the active key lands
 * on a new key (a new session; a LivePerson visit in progress is no longer found and starts anew).
 * Fingerprints name their key ({@code <keyId>:<hex>}) and keep verifying under every configured key.
 */
public final class SessionKeys {

    /** The longest Idempotency-Key accepted (the IETF draft leaves it to the server; Stripe's limit). */
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Keyring keys;

    public SessionKeys(Keyring keys) {
        this.keys = keys;
    }

    /** @return why an Idempotency-Key header is refused, or null when it is acceptable (or absent) */
    public static String idempotencyKeyProblem(String idempotencyKey) {
        if (idempotencyKey != null
                && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
            return "Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters";
        }
        return null;
    }

    /** A new time-ordered UUID (version 7) with 74 bits from a CSPRNG. */
    public static String newKey() {
        long millis = System.currentTimeMillis();
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        ByteBuffer bits = ByteBuffer.wrap(random);
        long msb = (millis << 16) | 0x7000L | (bits.getLong() & 0x0FFFL);
        long lsb = (bits.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** A UUID (version 8) derived by HMAC under the active id key from provider, scope and reuse key. */
    public String derivedKey(String provider, String scope, String reuseKey) {
        byte[] mac = keys.hmac(
                keys.activeKeyId(), utf8(provider.length() + ":" + provider + scope.length() + ":" + scope + reuseKey));
        ByteBuffer buffer = ByteBuffer.wrap(mac);
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
    public String requestKey(String provider, String tenant, String sessionKey, String idempotencyKey) {
        return derivedKey(provider + "-request", tenant + ":" + sessionKey, idempotencyKey);
    }

    /**
     * A pseudonym of a client-held id (a LivePerson visitorId or sid) for the public topic: stable per
     * tenant and id, so analytics can join one visit's events, and useless to anyone who reads it,
     * since the id itself (the client's capability) cannot be computed back from it.
     */
    public String pseudonym(String kind, String tenant, String id) {
        return derivedKey("pseudonym-" + kind, tenant, id);
    }

    /**
     * The fingerprint of a request: HMAC-SHA256 under the active id key of everything that defines
     * it, given as parts in a fixed order (null parts count as such), as {@code <keyId>:<hex>}. It
     * travels on the public session-events topic; without the secret nobody can test guesses of the
     * personal values in it. A request without an Idempotency-Key (never replayed) is salted with a
     * random value, so two such requests are not even linkable.
     *
     * @param idempotencyKey the request's Idempotency-Key, or null
     */
    public RequestFingerprint fingerprint(String idempotencyKey, Object... parts) {
        StringBuilder canonical = new StringBuilder(
                        idempotencyKey == null
                                ? "once:" + RandomIds.source().get()
                                : "key:" + idempotencyKey.length() + ":" + idempotencyKey)
                .append(';');
        for (Object part : parts) {
            String text = String.valueOf(part);
            canonical.append(text.length()).append(':').append(text).append(';');
        }
        return new RequestFingerprint(utf8(canonical.toString()), keys.activeKeyId());
    }

    /**
     * A request's fingerprint: {@link #value()} (under the active key) goes on the request event;
     * {@link #matches} compares a stored one under the key it names, in constant time.
     */
    public final class RequestFingerprint {
        private final byte[] canonical;
        private final String value;

        private RequestFingerprint(byte[] canonical, String keyId) {
            this.canonical = canonical;
            this.value = format(keyId);
        }

        public String value() {
            return value;
        }

        /** @return whether {@code stored} is this request's fingerprint under the key it names */
        public boolean matches(String stored) {
            int separator = stored == null ? -1 : stored.lastIndexOf(':');
            if (separator <= 0) {
                return false;
            }
            String expected = format(stored.substring(0, separator));
            return expected != null && MessageDigest.isEqual(utf8(expected), utf8(stored));
        }

        /** @return {@code <keyId>:<hex>}, or null for an unknown key id */
        private String format(String keyId) {
            byte[] mac = keys.hmac(keyId, canonical);
            return mac == null ? null : keyId + ":" + HexFormat.of().formatHex(mac);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof RequestFingerprint that && value.equals(that.value);
        }

        @Override
        public int hashCode() {
            return value.hashCode();
        }

        @Override
        public String toString() {
            return value;
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
