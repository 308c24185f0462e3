package io.sessionflow.schemas.zenskar;

import io.sessionflow.schemas.catalog.CatalogKeys;

/** Zenskar's catalog keys: its organisations, their API keys and their customers. */
public final class ZenskarCatalogKeys {

    private static final String PROVIDER = "zenskar";

    private ZenskarCatalogKeys() {}

    public static String organisation(String organisationId) {
        return CatalogKeys.key(PROVIDER, "organisation", organisationId);
    }

    /** @param keyHash the hash the key is kept as ({@link CatalogKeys#API_KEY}) */
    public static String apiKey(String keyHash) {
        return CatalogKeys.key(PROVIDER, CatalogKeys.API_KEY, keyHash);
    }

    public static String customer(String customerId) {
        return CatalogKeys.key(PROVIDER, "customer", customerId);
    }
}
