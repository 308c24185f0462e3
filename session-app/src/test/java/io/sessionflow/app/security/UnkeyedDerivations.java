package io.sessionflow.app.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * What an attacker computes from public values alone, exactly as sessionflow derived its ids before
 * they were keyed with a server secret: session keys, LivePerson sids and visitorIds (SHA-256 of
 * provider, scope and reuse key) and request fingerprints (SHA-256 salted with the Idempotency-Key).
 */
final class UnkeyedDerivations {

    private UnkeyedDerivations() {}

    static String derivedKey(String provider, String scope, String reuseKey) {
        ByteBuffer hash =
                ByteBuffer.wrap(sha256(provider.length() + ":" + provider + scope.length() + ":" + scope + reuseKey));
        long msb = (hash.getLong() & ~0xF000L) | 0x8000L;
        long lsb = (hash.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    static String fingerprint(String idempotencyKey, Object... parts) {
        StringBuilder canonical =
                new StringBuilder("key:" + idempotencyKey.length() + ":" + idempotencyKey).append(';');
        for (Object part : parts) {
            String text = String.valueOf(part);
            canonical.append(text.length()).append(':').append(text).append(';');
        }
        return HexFormat.of().formatHex(sha256(canonical.toString()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
