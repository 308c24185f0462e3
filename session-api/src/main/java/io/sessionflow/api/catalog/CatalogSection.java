package io.sessionflow.api.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One provider's section of the catalog file ({@link CatalogFile}), as its own record in the provider's
 * package: it checks itself and turns itself into that provider's catalog entries.
 */
public interface CatalogSection {

    /** The SHA-256 of an imported API key as the file may give it: hex digits, either case. */
    Pattern SHA256_HEX = Pattern.compile("^[0-9a-fA-F]{64}$");

    /** The refusal of a key hash that is not {@link #SHA256_HEX}, whatever the provider. */
    String NOT_A_KEY_HASH = "an API key's sha256 must be 64 hex digits (the SHA-256 of the key, never the key itself)";

    /** Adds this section's entries by catalog key, or a description of each problem, so that one message names them all. */
    void addEntries(Map<String, Object> entries, List<String> problems);

    /** Where this section gives API keys as bare SHA-256: JSON paths below the section, in document order. */
    default List<String> bareKeyHashPaths() {
        return List.of();
    }

    /** @return the key hash as catalog keys hold it (lower case), or null when it is not {@link #SHA256_HEX} */
    static String keyHash(String sha256) {
        return sha256 == null || !SHA256_HEX.matcher(sha256).matches() ? null : sha256.toLowerCase(Locale.ROOT);
    }

    static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
