package io.sessionflow.schemas.catalog;

/**
 * Keys of the compacted catalog topic: {@code <provider>:<kind>:<id>}, so that one entry can be
 * replaced or deleted on its own and a key says what it holds.
 */
public final class CatalogKeys {

    private CatalogKeys() {}

    public static String chatTenant(String tenantId) {
        return "chat:tenant:" + tenantId;
    }

    public static String chatWidgetKey(String publicKey) {
        return "chat:widget-key:" + publicKey;
    }

    public static String zenskarOrganisation(String organisationId) {
        return "zenskar:organisation:" + organisationId;
    }

    /**
     * @param keyHash the hash (lower-case hex) the key is kept as: its HMAC under an API key pepper (generated
     *                keys) or its SHA-256 (imported keys); the key itself is never stored
     */
    public static String zenskarApiKey(String keyHash) {
        return "zenskar:api-key:" + keyHash;
    }

    public static String zenskarCustomer(String customerId) {
        return "zenskar:customer:" + customerId;
    }

    public static String algoregTenant(String tenantId) {
        return "algoreg:tenant:" + tenantId;
    }

    /**
     * @param keyHash the hash (lower-case hex) the key is kept as (HMAC under an API key pepper, or SHA-256 of
     *                an imported key): a caller is found by the hashes of what it presents
     */
    public static String algoregApiKey(String keyHash) {
        return "algoreg:api-key:" + keyHash;
    }

    public static String livePersonAccount(String accountId) {
        return "liveperson:account:" + accountId;
    }
}
