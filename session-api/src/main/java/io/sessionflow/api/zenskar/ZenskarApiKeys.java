package io.sessionflow.api.zenskar;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.sessionflow.api.apikeys.ApiKeyIssuer;
import io.sessionflow.projections.catalog.CatalogQueries;
import io.sessionflow.schemas.zenskar.ZenskarApiKey;
import io.sessionflow.schemas.zenskar.ZenskarCatalogKeys;
import io.sessionflow.schemas.zenskar.ZenskarOrganisation;

/** Zenskar's generated API keys: one per organisation named by its UUID (either case). */
public final class ZenskarApiKeys extends ApiKeyIssuer {

    public static final ZenskarApiKeys INSTANCE = new ZenskarApiKeys();

    private static final Pattern UUID =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private ZenskarApiKeys() {
        super(
                "zenskar",
                OwnerField.ORGANISATION,
                "A zenskar key names its organisation (organisation, a UUID), not a tenant",
                "zenskar organisation",
                "zsk_",
                ZenskarApiKey.class,
                "organisationId");
    }

    @Override
    public Optional<String> knownOwner(String named, CatalogQueries catalog) {
        String id = named.toLowerCase(Locale.ROOT);
        return UUID.matcher(named).matches()
                        && catalog.get(ZenskarCatalogKeys.organisation(id), ZenskarOrganisation.class)
                                .isPresent()
                ? Optional.of(id)
                : Optional.empty();
    }
}
