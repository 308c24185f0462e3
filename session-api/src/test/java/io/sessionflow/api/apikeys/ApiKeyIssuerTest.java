package io.sessionflow.api.apikeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import io.sessionflow.api.algoreg.AlgoregApiKeys;
import io.sessionflow.api.zenskar.ZenskarApiKeys;
import io.sessionflow.projections.catalog.CatalogQueries;
import io.sessionflow.schemas.algoreg.AlgoregTenant;
import io.sessionflow.schemas.zenskar.ZenskarApiKey;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

class ApiKeyIssuerTest {

    /** An issuer wired to any entry type and owner field, as a provider's subclass would be. */
    private static final class Wired extends ApiKeyIssuer {
        Wired(Class<? extends SpecificRecordBase> entryType, String entryOwner) {
            super("test", OwnerField.TENANT, "rule", "test tenant", "tst_", entryType, entryOwner);
        }

        @Override
        public Optional<String> knownOwner(String named, CatalogQueries catalog) {
            return Optional.empty();
        }
    }

    @Test
    void theProvidersIssuersAreWiredToTheirEntriesFields() {
        assertThat(AlgoregApiKeys.INSTANCE.read(
                        AlgoregApiKeys.INSTANCE.entry("northwind-bank", "Back office", "id-1", "p1", "ab")))
                .contains(new ApiKeyIssuer.IssuedKey("id-1", "northwind-bank"));
        assertThat(ZenskarApiKeys.INSTANCE.read(ZenskarApiKeys.INSTANCE.entry("org-1", null, "id-2", "p1", "cd")))
                .contains(new ApiKeyIssuer.IssuedKey("id-2", "org-1"));
    }

    @Test
    void anOwnerFieldTheEntryDoesNotHaveFailsAtConstruction() {
        // Zenskar's entry names its owner organisationId, not tenantId
        assertThatThrownBy(() -> new Wired(ZenskarApiKey.class, "tenantId"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ZenskarApiKey has no field tenantId");
    }

    @Test
    void anEntryTypeWithoutTheKeyFieldsFailsAtConstruction() {
        assertThatThrownBy(() -> new Wired(AlgoregTenant.class, "id"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AlgoregTenant has no field");
    }

    @Test
    void anOwnerFieldThatHoldsNoStringFailsAtConstruction() {
        assertThatThrownBy(() -> new Wired(NumberedOwnerKey.class, "tenantId"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field tenantId is \"long\": it cannot hold a string");
    }

    /** A key entry whose owner id is a number: every field {@link ApiKeyIssuer} writes is there, one of the wrong type. */
    public static final class NumberedOwnerKey extends SpecificRecordBase {
        public static final Schema SCHEMA$ = new Schema.Parser().parse("""
                        {"type": "record", "name": "NumberedOwnerKey", "namespace": "io.sessionflow.api.apikeys", "fields": [
                          {"name": "keySha256", "type": ["null", "string"]},
                          {"name": "tenantId", "type": "long"},
                          {"name": "label", "type": ["null", "string"]},
                          {"name": "keyId", "type": ["null", "string"]},
                          {"name": "hmacKeyId", "type": ["null", "string"]},
                          {"name": "hmac", "type": ["null", "string"]}]}
                        """);
        private final Object[] values = new Object[SCHEMA$.getFields().size()];

        @Override
        public Schema getSchema() {
            return SCHEMA$;
        }

        @Override
        public Object get(int field) {
            return values[field];
        }

        @Override
        public void put(int field, Object value) {
            values[field] = value;
        }
    }
}
