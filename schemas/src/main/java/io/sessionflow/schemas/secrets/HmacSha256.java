package io.sessionflow.schemas.secrets;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 with one {@link Mac} per thread, keyed anew on each call: looking the algorithm up among the JDK's
 * providers for every call cost the request threads more than the MAC itself (session tokens, API key hashes and
 * derived session keys are each one MAC per create).
 */
public final class HmacSha256 {

    private static final String ALGORITHM = "HmacSHA256";

    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    });

    private HmacSha256() {}

    /** @throws IllegalArgumentException for an empty key */
    public static byte[] of(byte[] key, byte[] input) {
        Mac mac = MACS.get();
        try {
            mac.init(new SecretKeySpec(key, ALGORITHM));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an HMAC key", e);
        }
        return mac.doFinal(input);
    }
}
