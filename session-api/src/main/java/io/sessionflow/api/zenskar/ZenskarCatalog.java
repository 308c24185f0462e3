package io.sessionflow.api.zenskar;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.sessionflow.api.catalog.CatalogSection;
import io.sessionflow.api.catalog.CatalogSectionType;
import io.sessionflow.schemas.zenskar.ZenskarApiKey;
import io.sessionflow.schemas.zenskar.ZenskarCatalogKeys;
import io.sessionflow.schemas.zenskar.ZenskarCustomer;
import io.sessionflow.schemas.zenskar.ZenskarOrganisation;

/**
 * The {@code zenskar} section of the catalog file (see {@code docs/catalog.md}): organisations with
 * their portal, their API keys (as SHA-256 only) and their customers, turned into the catalog
 * entries {@code zenskar:organisation:<id>}, {@code zenskar:api-key:<sha256>} and
 * {@code zenskar:customer:<id>}.
 */
public record ZenskarCatalog(List<Organisation> organisations) implements CatalogSection {

    /** Its name in the catalog document. */
    public static final CatalogSectionType SECTION = new CatalogSectionType("zenskar", ZenskarCatalog.class);

    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public record Organisation(
            String id, String name, String portalUrl, List<ApiKey> apiKeys, List<Customer> customers) {}

    /** @param sha256 SHA-256 (hex) of the key: {@code printf '%s' "$KEY" | sha256sum} */
    public record ApiKey(String sha256, String label) {}

    /** @param id Zenskar's customer UUID */
    public record Customer(String id) {}

    @Override
    public List<String> bareKeyHashPaths() {
        List<String> paths = new ArrayList<>();
        List<Organisation> all = CatalogSection.nonNull(organisations);
        for (int o = 0; o < all.size(); o++) {
            for (int k = 0; k < CatalogSection.nonNull(all.get(o).apiKeys()).size(); k++) {
                paths.add("organisations[" + o + "].apiKeys[" + k + "].sha256");
            }
        }
        return paths;
    }

    @Override
    public void addEntries(Map<String, Object> entries, List<String> problems) {
        Set<String> keyHashes = new HashSet<>();
        Set<String> customerIds = new HashSet<>();
        for (Organisation organisation : CatalogSection.nonNull(organisations)) {
            if (organisation.id() == null || !UUID.matcher(organisation.id()).matches()) {
                problems.add("a zenskar organisation's id '" + organisation.id() + "' is not a UUID");
                continue;
            }
            String id = organisation.id().toLowerCase(Locale.ROOT);
            String where = "zenskar organisation '" + id + "'";
            String portalUrl = portalUrl(organisation.portalUrl());
            if (portalUrl == null) {
                problems.add(where + ": portalUrl must be an absolute http(s) URL without query or fragment");
                continue;
            }
            entries.put(
                    ZenskarCatalogKeys.organisation(id),
                    ZenskarOrganisation.newBuilder()
                            .setOrganisationId(id)
                            .setName(organisation.name() == null ? id : organisation.name())
                            .setPortalUrl(portalUrl)
                            .build());
            for (ApiKey key : CatalogSection.nonNull(organisation.apiKeys())) {
                String hash = CatalogSection.keyHash(key.sha256());
                if (hash == null) {
                    problems.add(where + ": " + NOT_A_KEY_HASH);
                    continue;
                }
                if (!listedOnce(keyHashes, hash, where + ": API key " + hash, problems)) {
                    continue;
                }
                entries.put(
                        ZenskarCatalogKeys.apiKey(hash),
                        ZenskarApiKey.newBuilder()
                                .setKeySha256(hash)
                                .setOrganisationId(id)
                                .setLabel(key.label())
                                .build());
            }
            for (Customer customer : CatalogSection.nonNull(organisation.customers())) {
                if (customer.id() == null || !UUID.matcher(customer.id()).matches()) {
                    problems.add(where + ": customer id '" + customer.id() + "' is not a UUID");
                    continue;
                }
                String customerId = customer.id().toLowerCase(Locale.ROOT);
                if (!listedOnce(customerIds, customerId, where + ": customer " + customerId, problems)) {
                    continue;
                }
                entries.put(
                        ZenskarCatalogKeys.customer(customerId),
                        ZenskarCustomer.newBuilder()
                                .setCustomerId(customerId)
                                .setOrganisationId(id)
                                .build());
            }
        }
    }

    /** Whether {@code value} is seen here first; otherwise a problem saying that {@code what} is listed twice. */
    private static boolean listedOnce(Set<String> seen, String value, String what, List<String> problems) {
        if (seen.add(value)) {
            return true;
        }
        problems.add(what + " is listed more than once");
        return false;
    }

    /** The portal URL without a trailing slash, or null when it is not an absolute http(s) URL with a host. */
    static String portalUrl(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https"))
                    || uri.getHost() == null
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                return null;
            }
        } catch (URISyntaxException e) {
            return null;
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
