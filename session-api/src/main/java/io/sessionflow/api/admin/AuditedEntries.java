package io.sessionflow.api.admin;

import io.sessionflow.schemas.algoreg.AlgoregApiKey;
import io.sessionflow.schemas.zenskar.ZenskarApiKey;

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
    static String name(String catalogKey, Object payload) {
        if (payload instanceof AlgoregApiKey key) {
            return key.getKeyId() != null
                    ? apiKeyId("algoreg", key.getKeyId())
                    : "algoreg:api-key-of:" + key.getTenantId();
        }
        if (payload instanceof ZenskarApiKey key) {
            return key.getKeyId() != null
                    ? apiKeyId("zenskar", key.getKeyId())
                    : "zenskar:api-key-of:" + key.getOrganisationId();
        }
        int kind = catalogKey.indexOf(':');
        if (kind > 0 && catalogKey.startsWith(":api-key:", kind)) {
            return catalogKey.substring(0, kind) + ":api-key:*";
        }
        return catalogKey.length() > MAX_LENGTH ? catalogKey.substring(0, MAX_LENGTH) + "…" : catalogKey;
    }

    static String apiKeyId(String provider, String keyId) {
        return provider + ":api-key-id:" + keyId;
    }
}
