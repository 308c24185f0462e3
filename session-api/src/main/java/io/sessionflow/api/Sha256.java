package io.sessionflow.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of text (its UTF-8 bytes): how secrets are kept (API keys in the catalog, bearer tokens).
 * Ids derived from public values are keyed instead: {@link SessionKeys}.
 */
public final class Sha256 {

    private Sha256() {}

    public static byte[] of(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Lower-case hex: the form the catalog names an API key by. */
    public static String hex(String text) {
        return HexFormat.of().formatHex(of(text));
    }
}
