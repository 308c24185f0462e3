package io.sessionflow.schemas.algoreg;

import io.sessionflow.schemas.catalog.CatalogKeys;

/** Algoreg's catalog keys: its tenants and their API keys. */
public final class AlgoregCatalogKeys {

    private static final String PROVIDER = "algoreg";

    private AlgoregCatalogKeys() {}

    public static String tenant(String tenantId) {
        return CatalogKeys.key(PROVIDER, "tenant", tenantId);
    }

    /**
     * @param keyHash the hash the key is kept as ({@link CatalogKeys#API_KEY}): a caller is found by the hashes
     *                of what it presents
     */
    public static String apiKey(String keyHash) {
        return CatalogKeys.key(PROVIDER, CatalogKeys.API_KEY, keyHash);
    }
}
