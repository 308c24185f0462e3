package io.sessionflow.api.zenskar;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.sessionflow.api.apikeys.ApiKeyHashes;
import io.sessionflow.projections.catalog.CatalogQueries;
import io.sessionflow.schemas.zenskar.ZenskarApiKey;
import io.sessionflow.schemas.zenskar.ZenskarCatalogKeys;
import io.sessionflow.schemas.zenskar.ZenskarOrganisation;

/**
 * Authenticates a Zenskar call by its {@code x-api-key} and {@code organisation} headers against the
 * catalog (the projections' global copy, read through {@link CatalogQueries}) before anything is
 * published. The key is looked up by its hashes ({@code zenskar:api-key:<hex>}): its HMAC under each
 * API key pepper (generated keys), then its plain SHA-256 (imported keys), see {@link ApiKeyHashes};
 * the catalog never holds a key itself. The key is checked first, since an organisation can only be wrong for a known
 * caller: no or an unknown key is 401; then an organisation header that is missing, not a UUID, not
 * the key's organisation, or an organisation no longer in the catalog is Zenskar's 403.
 */
public final class ZenskarAuthenticator {

    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** How authentication ended. */
    public sealed interface Result {}

    public record Authenticated(ZenskarOrganisation organisation) implements Result {}

    /** 401 with this message. */
    public record Unauthenticated(String message) implements Result {}

    /** 403 with Zenskar's explicit-deny body. */
    public record Denied() implements Result {}

    private final CatalogQueries catalog;
    private final ApiKeyHashes hashes;

    public ZenskarAuthenticator(CatalogQueries catalog, ApiKeyHashes hashes) {
        this.catalog = catalog;
        this.hashes = hashes;
    }

    /** @throws CatalogQueries.CatalogUnavailableException while the catalog cannot be read (answer 503) */
    public Result authenticate(String apiKey, String organisationHeader) {
        if (apiKey == null || apiKey.isEmpty()) {
            return new Unauthenticated("Missing API key: send it in the x-api-key header");
        }
        Optional<ZenskarApiKey> key = hashes.lookUp(
                apiKey,
                hash -> catalog.get(ZenskarCatalogKeys.apiKey(hash), ZenskarApiKey.class),
                k -> new ApiKeyHashes.Stored(k.getHmacKeyId(), k.getHmac(), k.getKeySha256()));
        if (key.isEmpty()) {
            return new Unauthenticated("Invalid API key");
        }
        if (organisationHeader == null || !UUID.matcher(organisationHeader).matches()) {
            return new Denied();
        }
        String organisationId = organisationHeader.toLowerCase(Locale.ROOT);
        if (!organisationId.equals(key.get().getOrganisationId())) {
            return new Denied();
        }
        return catalog.get(ZenskarCatalogKeys.organisation(organisationId), ZenskarOrganisation.class)
                .<Result>map(Authenticated::new)
                .orElseGet(Denied::new);
    }
}
