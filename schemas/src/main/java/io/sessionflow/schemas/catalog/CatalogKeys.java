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

    public static String zenskarOrganisation(String organisationId) {
        return "zenskar:organisation:" + organisationId;
    }

    /** @param keySha256 SHA-256 (lower-case hex) of the API key: the key itself is never stored */
    public static String zenskarApiKey(String keySha256) {
        return "zenskar:api-key:" + keySha256;
    }

    public static String zenskarCustomer(String customerId) {
        return "zenskar:customer:" + customerId;
    }

    public static String algoregTenant(String tenantId) {
        return "algoreg:tenant:" + tenantId;
    }

    /** @param keySha256 SHA-256 of the API key, lower-case hex: a caller is found by the hash of what it presents */
    public static String algoregApiKey(String keySha256) {
        return "algoreg:api-key:" + keySha256;
    }

    public static String livePersonAccount(String accountId) {
        return "liveperson:account:" + accountId;
    }
}
