package io.sessionflow.api.apikeys;

import java.util.List;
import java.util.Optional;

import io.sessionflow.projections.catalog.CatalogQueries;
import io.sessionflow.schemas.catalog.CatalogKeys;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * A provider whose API keys the admin API generates and revokes ({@code /admin/api-keys}): who a key is
 * for, the catalog entry that keeps its HMAC, and how such an entry is read back. Implemented in the
 * provider's package and declared as a bean there; the admin API and its audit iterate over the
 * registered issuers.
 */
public abstract class ApiKeyIssuer {

    /** The request field that names a key's owner. */
    public enum OwnerField {
        TENANT,
        ORGANISATION
    }

    /** A key entry as read back: its generated key's public id (null for an imported key), its owner's id. */
    public record IssuedKey(String keyId, String ownerId) {}

    private final String provider;
    private final OwnerField ownerField;
    private final String ownerRule;
    private final String ownerKind;
    private final String keyPrefix;
    private final Class<? extends SpecificRecordBase> entryType;
    private final String entryOwner;

    /**
     * @param provider   as in requests, paths and catalog keys ("algoreg")
     * @param ownerRule  the refusal of a request that names the owner by the other field, or not at all
     * @param ownerKind  what an owner is, in a refusal naming an unknown one ("algoreg tenant")
     * @param keyPrefix  what every generated key starts with ("alg_")
     * @param entryType  the catalog record of its keys: the fields {@code keySha256}, {@code label},
     *                   {@code keyId}, {@code hmacKeyId}, {@code hmac}, and its owner's id
     * @param entryOwner the name of that record's field holding the owner's id ("tenantId")
     * @throws IllegalArgumentException when the entry type's schema lacks one of those fields, or one cannot hold
     *                                  what is written to it: a wrong wiring fails at start, not at a key's generation
     */
    protected ApiKeyIssuer(
            String provider,
            OwnerField ownerField,
            String ownerRule,
            String ownerKind,
            String keyPrefix,
            Class<? extends SpecificRecordBase> entryType,
            String entryOwner) {
        this.provider = provider;
        this.ownerField = ownerField;
        this.ownerRule = ownerRule;
        this.ownerKind = ownerKind;
        this.keyPrefix = keyPrefix;
        this.entryType = entryType;
        this.entryOwner = entryOwner;
        checkEntryFields(provider, SpecificData.get().getSchema(entryType), entryOwner);
    }

    /** The fields {@link #entry} writes and {@link #read} reads hold strings; the imported key's hash is null here. */
    private static void checkEntryFields(String provider, Schema schema, String entryOwner) {
        checkField(provider, schema, "keySha256", Schema.Type.NULL);
        for (String field : List.of(entryOwner, "label", "keyId", "hmacKeyId", "hmac")) {
            checkField(provider, schema, field, Schema.Type.STRING);
        }
    }

    private static void checkField(String provider, Schema schema, String name, Schema.Type written) {
        Schema.Field field = schema.getField(name);
        if (field == null) {
            throw new IllegalArgumentException(
                    provider + "'s API key entry " + schema.getFullName() + " has no field " + name);
        }
        List<Schema.Type> types = field.schema().isUnion()
                ? field.schema().getTypes().stream().map(Schema::getType).toList()
                : List.of(field.schema().getType());
        if (!types.contains(written)) {
            throw new IllegalArgumentException(provider + "'s API key entry " + schema.getFullName() + " field " + name
                    + " is " + field.schema() + ": it cannot hold a " + written.getName());
        }
    }

    public final String provider() {
        return provider;
    }

    public final OwnerField ownerField() {
        return ownerField;
    }

    public final String ownerRule() {
        return ownerRule;
    }

    public final String ownerKind() {
        return ownerKind;
    }

    public final String keyPrefix() {
        return keyPrefix;
    }

    /**
     * @param named the owner as the request names it
     * @return the owner's id as the catalog holds it, when the catalog has such an owner
     */
    public abstract Optional<String> knownOwner(String named, CatalogQueries catalog);

    /** The label kept for a new key: the requested one, or null. */
    public String label(String requested, String ownerId) {
        return requested;
    }

    /** Its catalog key, {@code <provider>:api-key:<hash>}: the admin API finds a provider's keys by that prefix. */
    public final String catalogKey(String hmac) {
        return CatalogKeys.key(provider, CatalogKeys.API_KEY, hmac);
    }

    /** The catalog entry of a generated key: its HMAC under the pepper {@code hmacKeyId}, never the key. */
    public final Object entry(String ownerId, String label, String keyId, String hmacKeyId, String hmac) {
        SpecificRecordBase entry = (SpecificRecordBase) SpecificData.newInstance(entryType, null);
        entry.put("keySha256", null);
        entry.put(entryOwner, ownerId);
        entry.put("label", label);
        entry.put("keyId", keyId);
        entry.put("hmacKeyId", hmacKeyId);
        entry.put("hmac", hmac);
        return entry;
    }

    /** @return the key, when the entry's record is one of this provider's API keys */
    public final Optional<IssuedKey> read(Object payload) {
        return entryType.isInstance(payload)
                ? Optional.of(new IssuedKey((String) ((SpecificRecordBase) payload).get("keyId"), (String)
                        ((SpecificRecordBase) payload).get(entryOwner)))
                : Optional.empty();
    }
}
