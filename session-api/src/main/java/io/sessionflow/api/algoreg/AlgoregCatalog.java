package io.sessionflow.api.algoreg;

import static io.sessionflow.api.catalog.CatalogSection.nonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.sessionflow.api.LanguageTags;
import io.sessionflow.api.catalog.CatalogSection;
import io.sessionflow.api.catalog.CatalogSectionType;
import io.sessionflow.schemas.algoreg.AlgoregApiKey;
import io.sessionflow.schemas.algoreg.AlgoregCatalogKeys;
import io.sessionflow.schemas.algoreg.AlgoregScenario;
import io.sessionflow.schemas.algoreg.AlgoregTenant;

/**
 * The {@code algoreg} section of the catalog file (see {@code docs/catalog.md}): tenants with their API keys
 * (as SHA-256 only) and scenarios, turned into the catalog entries {@code algoreg:tenant:<id>} and
 * {@code algoreg:api-key:<sha256>}.
 */
public record AlgoregCatalog(List<Tenant> tenants) implements CatalogSection {

    /** Its name in the catalog document. */
    public static final CatalogSectionType SECTION = new CatalogSectionType("algoreg", AlgoregCatalog.class);

    /** Algoreg tenant ids and scenario codes; a tenant id never holds ':' (it is the user id of HTTP Basic). */
    private static final Pattern ALGOREG_ID = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");

    /** An Algoreg account: its API keys (as SHA-256) and its scenarios. */
    public record Tenant(String id, String name, List<ApiKey> apiKeys, List<Scenario> scenarios) {}

    /** @param sha256 SHA-256 of the key, hex: the key itself is never written down */
    public record ApiKey(String sha256, String label) {}

    public record Scenario(String code, String name, List<String> languages) {}

    @Override
    public List<String> bareKeyHashPaths() {
        List<String> paths = new ArrayList<>();
        List<Tenant> all = nonNull(tenants);
        for (int t = 0; t < all.size(); t++) {
            for (int k = 0; k < nonNull(all.get(t).apiKeys()).size(); k++) {
                paths.add("tenants[" + t + "].apiKeys[" + k + "].sha256");
            }
        }
        return paths;
    }

    @Override
    public void addEntries(Map<String, Object> entries, List<String> problems) {
        Set<String> tenantIds = new HashSet<>();
        Set<String> keyHashes = new HashSet<>();
        for (Tenant tenant : nonNull(tenants)) {
            if (tenant.id() == null || !ALGOREG_ID.matcher(tenant.id()).matches()) {
                problems.add("algoreg tenant '" + tenant.id() + "': the id must match " + ALGOREG_ID);
                continue;
            }
            String where = "algoreg tenant '" + tenant.id() + "'";
            if (!tenantIds.add(tenant.id())) {
                problems.add(where + " appears twice");
            }
            List<AlgoregScenario> scenarios = new ArrayList<>();
            Set<String> codes = new HashSet<>();
            for (Scenario scenario : nonNull(tenant.scenarios())) {
                if (scenario.code() == null
                        || !ALGOREG_ID.matcher(scenario.code()).matches()) {
                    problems.add(where + ": scenario code '" + scenario.code() + "' does not match " + ALGOREG_ID);
                    continue;
                }
                if (!codes.add(scenario.code())) {
                    problems.add(where + ": scenario '" + scenario.code() + "' appears twice");
                }
                List<String> languages = nonNull(scenario.languages());
                Set<String> seen = new HashSet<>();
                if (languages.isEmpty()) {
                    problems.add(where + ": scenario '" + scenario.code() + "' enables no language");
                }
                for (String language : languages) {
                    if (!LanguageTags.isWellFormed(language)) {
                        problems.add(where + ": scenario '" + scenario.code() + "' language '" + language
                                + "' is not a well-formed BCP-47 tag");
                    } else if (!seen.add(language.toLowerCase(Locale.ROOT))) {
                        problems.add(
                                where + ": scenario '" + scenario.code() + "' lists language '" + language + "' twice");
                    }
                }
                scenarios.add(AlgoregScenario.newBuilder()
                        .setCode(scenario.code())
                        .setName(scenario.name() == null ? scenario.code() : scenario.name())
                        .setLanguages(languages)
                        .build());
            }
            entries.put(
                    AlgoregCatalogKeys.tenant(tenant.id()),
                    AlgoregTenant.newBuilder()
                            .setTenantId(tenant.id())
                            .setName(tenant.name() == null ? tenant.id() : tenant.name())
                            .setScenarios(scenarios)
                            .build());
            for (ApiKey key : nonNull(tenant.apiKeys())) {
                String hash = CatalogSection.keyHash(key.sha256());
                if (hash == null) {
                    problems.add(where + ": " + NOT_A_KEY_HASH);
                    continue;
                }
                if (!keyHashes.add(hash)) {
                    problems.add(where + ": API key " + hash + " is listed twice");
                }
                entries.put(
                        AlgoregCatalogKeys.apiKey(hash),
                        AlgoregApiKey.newBuilder()
                                .setKeySha256(hash)
                                .setTenantId(tenant.id())
                                .setLabel(key.label() == null ? tenant.id() : key.label())
                                .build());
            }
        }
    }
}
