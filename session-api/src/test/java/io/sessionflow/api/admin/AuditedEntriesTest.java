package io.sessionflow.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.sessionflow.api.algoreg.AlgoregApiKeys;
import io.sessionflow.api.apikeys.ApiKeyIssuers;
import io.sessionflow.api.zenskar.ZenskarApiKeys;
import io.sessionflow.schemas.algoreg.AlgoregApiKey;
import io.sessionflow.schemas.zenskar.ZenskarApiKey;
import org.junit.jupiter.api.Test;

/** The audit names entries by their catalog key, but never an API key by the hash its catalog key holds. */
class AuditedEntriesTest {

    private static final ApiKeyIssuers ISSUERS =
            new ApiKeyIssuers(List.of(AlgoregApiKeys.INSTANCE, ZenskarApiKeys.INSTANCE));
    private static final String HASH = "a3b2f2156ccdf705e74d428eadf3372f3b91138e2d759455d33bb1ec982b645e";

    @Test
    void aGeneratedKeyIsNamedByItsPublicIdAnImportedOneByItsOwner() {
        AlgoregApiKey generated = AlgoregApiKey.newBuilder()
                .setTenantId("t")
                .setLabel("l")
                .setKeyId("0123456789abcdef")
                .setHmacKeyId("p")
                .setHmac(HASH)
                .build();
        AlgoregApiKey imported = AlgoregApiKey.newBuilder()
                .setKeySha256(HASH)
                .setTenantId("t")
                .setLabel("l")
                .build();
        ZenskarApiKey zenskar = ZenskarApiKey.newBuilder()
                .setKeySha256(HASH)
                .setOrganisationId("o")
                .build();

        assertThat(AuditedEntries.name(ISSUERS, "algoreg:api-key:" + HASH, generated))
                .isEqualTo("algoreg:api-key-id:0123456789abcdef");
        assertThat(AuditedEntries.name(ISSUERS, "algoreg:api-key:" + HASH, imported))
                .isEqualTo("algoreg:api-key-of:t");
        assertThat(AuditedEntries.name(ISSUERS, "zenskar:api-key:" + HASH, zenskar))
                .isEqualTo("zenskar:api-key-of:o");
    }

    @Test
    void anUnknownApiKeyEntryIsNamedWithoutItsHashAndOtherEntriesByTheirKey() {
        assertThat(AuditedEntries.name(ISSUERS, "zenskar:api-key:" + HASH, null))
                .isEqualTo("zenskar:api-key:*");
        assertThat(AuditedEntries.name(ISSUERS, "chat:tenant:acme", null)).isEqualTo("chat:tenant:acme");
        assertThat(AuditedEntries.name(ISSUERS, "chat:tenant:" + "x".repeat(1000), null))
                .hasSize(257);
    }
}
