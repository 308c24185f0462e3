package io.sessionflow.schemas.liveperson;

import io.sessionflow.schemas.catalog.CatalogKeys;

/** LivePerson's catalog keys: its accounts. */
public final class LivePersonCatalogKeys {

    private static final String PROVIDER = "liveperson";

    private LivePersonCatalogKeys() {}

    public static String account(String accountId) {
        return CatalogKeys.key(PROVIDER, "account", accountId);
    }
}
