package io.sessionflow.algoreg;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import io.sessionflow.api.Sha256;
import io.sessionflow.catalog.CatalogQueries;
import io.sessionflow.schemas.algoreg.AlgoregApiKey;
import io.sessionflow.schemas.catalog.CatalogKeys;

/**
 * Who an Algoreg call acts for: {@code Authorization: Bearer <api key>}, or HTTP Basic with
 * {@code <tenant id>:<api key>}. The key is looked up by its SHA-256 in the catalog
 * ({@code algoreg:api-key:<sha256 hex>}, read through {@link CatalogQueries}); the catalog never holds
 * a key itself. With Basic, the tenant id must be the key's. Every refusal of a presented credential
 * says the same, so that a caller learns nothing about which part was wrong.
 */
public final class AlgoregAuthenticator {

    /** Longer credentials are refused before they are hashed. */
    static final int MAX_CREDENTIAL_LENGTH = 512;

    static final String MISSING = "Authentication required: send Authorization: Bearer <api key>, "
            + "or Basic with <tenant id>:<api key>";
    static final String INVALID = "Invalid credentials";
    static final String UNSUPPORTED = "Unsupported authorization scheme: use Bearer or Basic";

    /** How {@link #authenticate} ended. */
    public sealed interface Result {
    }

    public record Authenticated(String tenantId) implements Result {
    }

    /** @param message what the 401 says */
    public record Refused(String message) implements Result {
    }

    /** The catalog cannot be read yet: a retryable error. */
    public record Unavailable() implements Result {
    }

    /** The catalog's API keys by the SHA-256 (lower-case hex) of the key. */
    @FunctionalInterface
    public interface ApiKeys {
        /** @throws CatalogQueries.CatalogUnavailableException while the catalog cannot be read */
        Optional<AlgoregApiKey> byHash(String keySha256);

        static ApiKeys of(CatalogQueries catalog) {
            return hash -> catalog.get(CatalogKeys.algoregApiKey(hash), AlgoregApiKey.class);
        }
    }

    private final ApiKeys apiKeys;

    public AlgoregAuthenticator(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    /** @param authorization the Authorization header, or null */
    public Result authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return new Refused(MISSING);
        }
        String header = authorization.strip();
        int space = header.indexOf(' ');
        String scheme = (space < 0 ? header : header.substring(0, space)).toLowerCase(Locale.ROOT);
        String credentials = space < 0 ? "" : header.substring(space + 1).strip();
        if (credentials.isEmpty() || credentials.length() > MAX_CREDENTIAL_LENGTH) {
            return scheme.equals("bearer") || scheme.equals("basic") ? new Refused(INVALID) : new Refused(UNSUPPORTED);
        }
        try {
            return switch (scheme) {
                case "bearer" -> lookUp(credentials, null);
                case "basic" -> basic(credentials);
                default -> new Refused(UNSUPPORTED);
            };
        } catch (CatalogQueries.CatalogUnavailableException e) {
            return new Unavailable();
        }
    }

    private Result basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return new Refused(INVALID);
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon == decoded.length() - 1) {
            return new Refused(INVALID);
        }
        return lookUp(decoded.substring(colon + 1), decoded.substring(0, colon));
    }

    private Result lookUp(String apiKey, String claimedTenantId) {
        Optional<AlgoregApiKey> key = apiKeys.byHash(Sha256.hex(apiKey));
        if (key.isEmpty()) {
            return new Refused(INVALID);
        }
        String tenantId = key.get().getTenantId();
        if (claimedTenantId != null && !MessageDigest.isEqual(claimedTenantId.getBytes(StandardCharsets.UTF_8),
                tenantId.getBytes(StandardCharsets.UTF_8))) {
            return new Refused(INVALID);
        }
        return new Authenticated(tenantId);
    }

}
