package io.sessionflow.schemas.catalog;

/**
 * Keys of the compacted catalog topic: {@code <provider>:<kind>:<id>}, so that one entry can be
 * replaced or deleted on its own and a key says what it holds.
 */
public final class CatalogKeys {

    private CatalogKeys() {
    }

    public static String chatTenant(String tenantId) {
        return "chat:tenant:" + tenantId;
    }

    public static String chatWidgetKey(String publicKey) {
        return "chat:widget-key:" + publicKey;
    }

    public static String livePersonAccount(String accountId) {
        return "liveperson:account:" + accountId;
    }
}
