package io.sessionflow.api.algoreg;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import io.sessionflow.api.apikeys.ApiKeyHashes;
import io.sessionflow.projections.catalog.CatalogQueries;
import io.sessionflow.schemas.algoreg.AlgoregApiKey;
import io.sessionflow.schemas.algoreg.AlgoregCatalogKeys;

/**
 * Who an Algoreg call acts for: {@code Authorization: Bearer <api key>}, or HTTP Basic with
 * {@code <tenant id>:<api key>}. The key is looked up by its hashes in the catalog
 * ({@code algoreg:api-key:<hash hex>}, read through {@link CatalogQueries}): its HMAC under each API key
 * pepper (generated keys), then its plain SHA-256 (imported keys), see {@link ApiKeyHashes}; the catalog
 * never holds a key itself. With Basic, the tenant id must be the key's. Every refusal of a presented credential
 * says the same, so that a caller learns nothing about which part was wrong.
 */
public final class AlgoregAuthenticator {

    /** Longer credentials are refused before they are hashed. */
    static final int MAX_CREDENTIAL_LENGTH = 512;

    static final String MISSING =
            "Authentication required: send Authorization: Bearer <api key>, " + "or Basic with <tenant id>:<api key>";
    static final String INVALID = "Invalid credentials";
    static final String UNSUPPORTED = "Unsupported authorization scheme: use Bearer or Basic";

    /** How {@link #authenticate} ended. */
    public sealed interface Result {}

    public record Authenticated(String tenantId) implements Result {}

    /** @param message what the 401 says */
    public record Refused(String message) implements Result {}

    /** The catalog cannot be read yet: a retryable error. */
    public record Unavailable() implements Result {}

    /** The catalog's API keys by the hash (lower-case hex) they are kept as. */
    @FunctionalInterface
    public interface ApiKeys {
        /** @throws CatalogQueries.CatalogUnavailableException while the catalog cannot be read */
        Optional<AlgoregApiKey> byHash(String keyHash);

        static ApiKeys of(CatalogQueries catalog) {
            return hash -> catalog.get(AlgoregCatalogKeys.apiKey(hash), AlgoregApiKey.class);
        }
    }

    private final ApiKeys apiKeys;
    private final ApiKeyHashes hashes;

    public AlgoregAuthenticator(ApiKeys apiKeys, ApiKeyHashes hashes) {
        this.apiKeys = apiKeys;
        this.hashes = hashes;
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
        Optional<AlgoregApiKey> key = hashes.lookUp(
                apiKey, apiKeys::byHash, k -> new ApiKeyHashes.Stored(k.getHmacKeyId(), k.getHmac(), k.getKeySha256()));
        if (key.isEmpty()) {
            return new Refused(INVALID);
        }
        String tenantId = key.get().getTenantId();
        if (claimedTenantId != null
                && !MessageDigest.isEqual(
                        claimedTenantId.getBytes(StandardCharsets.UTF_8), tenantId.getBytes(StandardCharsets.UTF_8))) {
            return new Refused(INVALID);
        }
        return new Authenticated(tenantId);
    }
}
