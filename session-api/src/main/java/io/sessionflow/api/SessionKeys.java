package io.sessionflow.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    public static String newKey() {
        long millis = System.currentTimeMillis();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    public static String derivedKey(String provider, String scope, String reuseKey) {
        byte[] hash = sha256(provider.length() + ":" + provider + scope.length() + ":" + scope + reuseKey);
        ByteBuffer buffer = ByteBuffer.wrap(hash);
        long msb = (buffer.getLong() & ~0xF000L) | 0x8000L;
        long lsb = (buffer.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** SHA-256 in hex: fingerprints of requests, so that a reused key with another body is seen. */
    public static String fingerprint(String canonicalRequest) {
        return java.util.HexFormat.of().formatHex(sha256(canonicalRequest));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
