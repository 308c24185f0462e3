package io.sessionflow.schemas.catalog;

/**
 * The syntax of the compacted catalog topic's keys, {@code <provider>:<kind>:<id>}, so that one entry can be
 * replaced or deleted on its own and a key says what it holds. Each provider names its own kinds, in its
 * schemas package ({@code AlgoregCatalogKeys}, ...). A key, once written, keeps its spelling: the topic is
 * compacted by key, and readers would not find what was written under an old spelling.
 */
public final class CatalogKeys {

    /**
     * The kind of an API key's entry, whose id is the hash (lower-case hex) the key is kept as: its HMAC under
     * an API key pepper (generated keys) or its SHA-256 (imported keys); the key itself is never stored. The
     * admin API finds a provider's keys by this kind.
     */
    public static final String API_KEY = "api-key";

    private CatalogKeys() {}

    public static String key(String provider, String kind, String id) {
        return provider + ':' + kind + ':' + id;
    }

    /** What every key of this provider and kind starts with, to list them. */
    public static String prefix(String provider, String kind) {
        return key(provider, kind, "");
    }
}
