package io.sessionflow.api.apikeys;

import java.util.Optional;

import io.sessionflow.projections.catalog.CatalogQueries;

/**
 * A provider whose API keys the admin API generates and revokes ({@code /admin/api-keys}): who a key is
 * for, the catalog entry that keeps its HMAC, and how such an entry is read back. Implemented in the
 * provider's package and declared as a bean there; the admin API and its audit iterate over the
 * registered issuers.
 */
public interface ApiKeyIssuer {

    /** The request field that names a key's owner. */
    enum OwnerField {
        TENANT,
        ORGANISATION
    }

    /** A key entry as read back: its generated key's public id (null for an imported key), its owner's id. */
    record IssuedKey(String keyId, String ownerId) {}

    /** As in requests, paths and catalog keys ("algoreg"). */
    String provider();

    OwnerField ownerField();

    /** The refusal of a request that names the owner by the other field, or not at all. */
    String ownerRule();

    /** What an owner is, in a refusal naming an unknown one ("algoreg tenant"). */
    String ownerKind();

    /**
     * @param named the owner as the request names it
     * @return the owner's id as the catalog holds it, when the catalog has such an owner
     */
    Optional<String> knownOwner(String named, CatalogQueries catalog);

    /** What every generated key starts with ("alg_"). */
    String keyPrefix();

    /** The label kept for a new key: the requested one, or null. */
    default String label(String requested, String ownerId) {
        return requested;
    }

    String catalogKey(String hmac);

    /** The catalog entry of a generated key: its HMAC under the pepper {@code hmacKeyId}, never the key. */
    Object entry(String ownerId, String label, String keyId, String hmacKeyId, String hmac);

    /** @return the key, when the entry's record is one of this provider's API keys */
    Optional<IssuedKey> read(Object payload);
}
