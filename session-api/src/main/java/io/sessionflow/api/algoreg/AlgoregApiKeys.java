package io.sessionflow.api.algoreg;

import java.util.Optional;
import java.util.regex.Pattern;

import io.sessionflow.api.apikeys.ApiKeyIssuer;
import io.sessionflow.projections.catalog.CatalogQueries;
import io.sessionflow.schemas.algoreg.AlgoregApiKey;
import io.sessionflow.schemas.algoreg.AlgoregCatalogKeys;
import io.sessionflow.schemas.algoreg.AlgoregTenant;

/** Algoreg's generated API keys: one per tenant named by its id, labelled with the tenant's id by default. */
public final class AlgoregApiKeys extends ApiKeyIssuer {

    public static final AlgoregApiKeys INSTANCE = new AlgoregApiKeys();

    private static final Pattern TENANT = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");

    private AlgoregApiKeys() {
        super(
                "algoreg",
                OwnerField.TENANT,
                "An algoreg key names its tenant (tenant), not an organisation",
                "algoreg tenant",
                "alg_",
                AlgoregApiKey.class,
                "tenantId");
    }

    @Override
    public Optional<String> knownOwner(String named, CatalogQueries catalog) {
        return TENANT.matcher(named).matches()
                        && catalog.get(AlgoregCatalogKeys.tenant(named), AlgoregTenant.class)
                                .isPresent()
                ? Optional.of(named)
                : Optional.empty();
    }

    @Override
    public String label(String requested, String ownerId) {
        return requested == null ? ownerId : requested;
    }
}
