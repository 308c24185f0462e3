package io.sessionflow.schemas.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A token kept in a file readable only by its owner ({@link SecretFiles}): read, or generated (256
 * random bits, base64url) when the file does not exist, so that the laptop default has a credential
 * without a secret in code and keeps it across restarts. Used for every credential sessionflow issues
 * to itself (admin, introspection, instance-to-instance, management).
 */
public final class TokenFile {

    private static final int GENERATED_BYTES = 32;
    public static final int MIN_LENGTH = 32;

    private TokenFile() {}

    /**
     * The configured token if set (at least {@value #MIN_LENGTH} characters), else the one in {@code file},
     * generated first if need be.
     *
     * @param property the configuration prefix, for messages ({@code sessionflow.admin})
     */
    public static String configuredOrGenerated(String property, String configured, Path file) {
        if (configured != null && !configured.isBlank()) {
            if (configured.length() < MIN_LENGTH) {
                throw new IllegalArgumentException(
                        property + ".token must have at least " + MIN_LENGTH + " characters");
            }
            return configured;
        }
        if (file == null) {
            throw new IllegalArgumentException("Neither " + property + ".token nor " + property + ".token-file is set");
        }
        try {
            return new String(SecretFiles.readOrCreate(file, TokenFile::generated), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the token file " + file + " (" + property + ")", e);
        }
    }

    private static byte[] generated() {
        byte[] secret = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret).getBytes(StandardCharsets.US_ASCII);
    }
}
