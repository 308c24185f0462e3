package io.sessionflow.api.admin;

import java.util.Optional;

import io.sessionflow.api.apikeys.ApiKeyIssuers;
import io.sessionflow.schemas.catalog.CatalogKeys;

/**
 * How the admin audit names a catalog entry: by its catalog key, except an API key's entry, whose key
 * holds the key's hash. That one is named by the generated key's public id
 * ({@code <provider>:api-key-id:<id>}), by the tenant or organisation of an imported key
 * ({@code <provider>:api-key-of:<id>}), or, when the entry is unknown, {@code <provider>:api-key:*}.
 */
final class AuditedEntries {

    private static final int MAX_LENGTH = 256;

    private AuditedEntries() {}

    /** @param payload the entry's record, or null when it is not known */
    static String name(ApiKeyIssuers issuers, String catalogKey, Object payload) {
        Optional<ApiKeyIssuers.Named> apiKey = issuers.read(payload);
        if (apiKey.isPresent()) {
            String provider = apiKey.get().provider();
            return apiKey.get().key().keyId() != null
                    ? ApiKeyIssuers.auditedId(provider, apiKey.get().key().keyId())
                    : provider + ":api-key-of:" + apiKey.get().key().ownerId();
        }
        int end = catalogKey.indexOf(':');
        String provider = end > 0 ? catalogKey.substring(0, end) : null;
        if (provider != null && catalogKey.startsWith(CatalogKeys.prefix(provider, CatalogKeys.API_KEY))) {
            return CatalogKeys.key(provider, CatalogKeys.API_KEY, "*");
        }
        return catalogKey.length() > MAX_LENGTH ? catalogKey.substring(0, MAX_LENGTH) + "…" : catalogKey;
    }
}
