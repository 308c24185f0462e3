package io.sessionflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.sessionflow.api.SessionKeys.RequestFingerprint;
import io.sessionflow.schemas.secrets.Keyring;
import org.junit.jupiter.api.Test;

/** Keys, fingerprints and pseudonyms are keyed with the server's id keys, and fingerprints survive rotation. */
class SessionKeysTest {

    private static SessionKeys keys(String activeKeyId, int... seeds) {
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        for (int seed : seeds) {
            byte[] secret = new byte[Keyring.MIN_SECRET_BYTES];
            Arrays.fill(secret, (byte) seed);
            secrets.put("k" + seed, secret);
        }
        return new SessionKeys(new Keyring("Id", activeKeyId, secrets));
    }

    /** How session keys were derived before: SHA-256 of public values only. */
    private static String unkeyedDerivation(String provider, String scope, String reuseKey) {
        ByteBuffer hash = ByteBuffer.wrap(
                Sha256.of(provider.length() + ":" + provider + scope.length() + ":" + scope + reuseKey));
        return new UUID(
                        (hash.getLong() & ~0xF000L) | 0x8000L,
                        (hash.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
                .toString();
    }

    @Test
    void aDerivedKeyIsStablePerSecretAndCannotBeComputedFromThePublicValuesAlone() {
        String key = keys("k1", 1).derivedKey("chat", "pk_live_x", "cart-1");

        assertThat(keys("k1", 1).derivedKey("chat", "pk_live_x", "cart-1")).isEqualTo(key);
        assertThat(keys("k2", 2).derivedKey("chat", "pk_live_x", "cart-1")).isNotEqualTo(key);
        assertThat(key).isNotEqualTo(unkeyedDerivation("chat", "pk_live_x", "cart-1"));
        assertThat(UUID.fromString(key).version()).isEqualTo(8);
    }

    @Test
    void newKeysAreRandomVersion7Uuids() {
        UUID first = UUID.fromString(SessionKeys.newKey());

        assertThat(first.version()).isEqualTo(7);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(SessionKeys.newKey()).isNotEqualTo(first.toString());
    }

    @Test
    void aFingerprintNamesItsKeyAndKeepsMatchingAfterTheActiveKeyChanges() {
        String stored =
                keys("k1", 1, 2).fingerprint("idem-1", "acme", "cust-42").value();
        SessionKeys rotated = keys("k2", 1, 2);

        assertThat(stored).startsWith("k1:").hasSize(3 + 64);
        assertThat(rotated.fingerprint("idem-1", "acme", "cust-42").value()).startsWith("k2:");
        assertThat(rotated.fingerprint("idem-1", "acme", "cust-42").matches(stored))
                .isTrue();
        assertThat(rotated.fingerprint("idem-1", "acme", "cust-43").matches(stored))
                .isFalse();
        assertThat(keys("k2", 2).fingerprint("idem-1", "acme", "cust-42").matches(stored))
                .as("a fingerprint under a key no longer configured")
                .isFalse();
        assertThat(rotated.fingerprint("idem-1", "acme", "cust-42").matches("not a fingerprint"))
                .isFalse();
        assertThat(rotated.fingerprint("idem-1", "acme", "cust-42").matches(null))
                .isFalse();
    }

    @Test
    void withoutAnIdempotencyKeyTwoIdenticalRequestsAreNotLinkable() {
        SessionKeys keys = keys("k1", 1);
        RequestFingerprint first = keys.fingerprint(null, "acme", "cust-42");

        assertThat(keys.fingerprint(null, "acme", "cust-42")).isNotEqualTo(first);
        assertThat(keys.fingerprint(null, "acme", "cust-42").matches(first.value()))
                .isFalse();
    }

    @Test
    void pseudonymsArePerTenantAndNeverTheIdItself() {
        SessionKeys keys = keys("k1", 1);
        String pseudonym = keys.pseudonym("liveperson-sid", "12345678", "sid-1");

        assertThat(keys.pseudonym("liveperson-sid", "12345678", "sid-1"))
                .isEqualTo(pseudonym)
                .isNotEqualTo("sid-1");
        assertThat(keys.pseudonym("liveperson-sid", "87654321", "sid-1")).isNotEqualTo(pseudonym);
        assertThat(keys.pseudonym("liveperson-visitor", "12345678", "sid-1")).isNotEqualTo(pseudonym);
    }
}
