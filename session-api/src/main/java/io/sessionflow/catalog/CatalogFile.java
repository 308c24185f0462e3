package io.sessionflow.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sessionflow.api.LanguageTags;
import io.sessionflow.schemas.algoreg.AlgoregApiKey;
import io.sessionflow.schemas.algoreg.AlgoregScenario;
import io.sessionflow.schemas.algoreg.AlgoregTenant;
import io.sessionflow.schemas.catalog.CatalogKeys;
import io.sessionflow.schemas.chat.ChatFlow;
import io.sessionflow.schemas.chat.ChatIcon;
import io.sessionflow.schemas.chat.ChatIntent;
import io.sessionflow.schemas.chat.ChatQuickQuestionConfig;
import io.sessionflow.schemas.chat.ChatTenant;
import io.sessionflow.schemas.chat.ChatWidgetKey;
import io.sessionflow.schemas.chat.WebOrigins;
import io.sessionflow.zenskar.ZenskarCatalog;
import io.sessionflow.schemas.liveperson.LivePersonAccount;
import io.sessionflow.schemas.liveperson.LivePersonCampaign;
import io.sessionflow.schemas.liveperson.LivePersonEngagement;
import org.apache.avro.AvroRuntimeException;

/**
 * The catalog file (YAML) as written by operators; see {@code docs/catalog.md}. {@link #entries()}
 * checks it and turns it into the records of the catalog topic, by catalog key.
 */
public record CatalogFile(Chat chat, ZenskarCatalog zenskar, Algoreg algoreg, LivePerson liveperson) {

    private static final Pattern PUBLIC_KEY = Pattern.compile("^pk_live_[a-f0-9]{32}$");
    /** Algoreg tenant ids and scenario codes; a tenant id never holds ':' (it is the user id of HTTP Basic). */
    private static final Pattern ALGOREG_ID = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");
    private static final Pattern SHA256_HEX = Pattern.compile("^[0-9a-f]{64}$");
    private static final Set<String> PAGE_TYPES = Set.of("general", "category", "product", "cart");
    private static final int MAX_QUICK_QUESTIONS = 6;

    public record Chat(List<Tenant> tenants) {
    }

    public record Tenant(String id, String name, List<Flow> flows, List<QuickQuestion> quickQuestions,
                         List<WidgetKey> widgetKeys) {
    }

    public record Flow(String id, boolean published, Intent intent) {
    }

    public record Intent(String name, String displayLabel, String subtitle, String description, List<String> examples,
                         List<String> requiredEntities, Icon icon, String accentColor, String styleVariant,
                         boolean isPinned, int priority) {
    }

    public record Icon(String kind, String value) {
    }

    public record QuickQuestion(String question, String pageType, String flowId) {
    }

    public record WidgetKey(String publicKey, String label, Boolean enabled, List<String> allowedOrigins,
                            boolean allowsAllIntents, List<String> allowedIntents) {
    }

    public record Algoreg(List<AlgoregTenantEntry> tenants) {
    }

    /** An Algoreg account: its API keys (as SHA-256) and its scenarios. */
    public record AlgoregTenantEntry(String id, String name, List<AlgoregApiKeyEntry> apiKeys,
                                     List<AlgoregScenarioEntry> scenarios) {
    }

    /** @param sha256 SHA-256 of the key, lower-case hex: the key itself is never written down */
    public record AlgoregApiKeyEntry(String sha256, String label) {
    }

    public record AlgoregScenarioEntry(String code, String name, List<String> languages) {
    }

    public record LivePerson(List<Account> accounts) {

        private static final Pattern ACCOUNT_ID = Pattern.compile("^[a-zA-Z0-9_]{1,20}$");

        /** An LP site: {@code liveperson:account:<id>}. */
        public record Account(String id, String name, List<Campaign> campaigns) {
        }

        public record Campaign(Long id, String name, List<Engagement> engagements) {
        }

        /** {@code enabled} defaults to true; {@code sections} empty targets every request. */
        public record Engagement(Long id, String windowId, String contextId, String language, Long revision,
                                 Integer validForSeconds, Long skillId, String skillName, List<String> sections,
                                 int priority, Boolean enabled) {
        }

        void addEntries(Map<String, Object> entries, List<String> problems) {
            for (Account account : nonNull(accounts)) {
                if (account.id() == null || !ACCOUNT_ID.matcher(account.id()).matches()) {
                    problems.add("liveperson account id '" + account.id() + "' does not match " + ACCOUNT_ID);
                    continue;
                }
                String where = "liveperson account '" + account.id() + "'";
                Set<Long> campaignIds = new HashSet<>();
                Set<Long> engagementIds = new HashSet<>();
                List<LivePersonCampaign> campaigns = new ArrayList<>();
                for (Campaign campaign : nonNull(account.campaigns())) {
                    if (campaign.id() == null || campaign.id() <= 0 || !campaignIds.add(campaign.id())) {
                        problems.add(where + ": every campaign needs a unique positive id, got " + campaign.id());
                        continue;
                    }
                    List<LivePersonEngagement> engagements = new ArrayList<>();
                    for (Engagement engagement : nonNull(campaign.engagements())) {
                        String problem = problem(engagement, engagementIds);
                        if (problem != null) {
                            problems.add(where + ", campaign " + campaign.id() + ": " + problem);
                            continue;
                        }
                        engagements.add(engagement(engagement));
                    }
                    campaigns.add(LivePersonCampaign.newBuilder().setCampaignId(campaign.id())
                            .setName(campaign.name()).setEngagements(engagements).build());
                }
                entries.put(CatalogKeys.livePersonAccount(account.id()), LivePersonAccount.newBuilder()
                        .setAccountId(account.id())
                        .setName(account.name() == null ? account.id() : account.name())
                        .setCampaigns(campaigns)
                        .build());
            }
        }

        private static String problem(Engagement engagement, Set<Long> engagementIds) {
            if (engagement.id() == null || engagement.id() <= 0 || !engagementIds.add(engagement.id())) {
                return "every engagement needs a positive id unique in the account, got " + engagement.id();
            }
            String at = "engagement " + engagement.id();
            if (isBlank(engagement.windowId()) || isBlank(engagement.contextId()) || isBlank(engagement.language())) {
                return at + " needs windowId, contextId and language";
            }
            if (engagement.revision() == null || engagement.revision() < 0) {
                return at + " needs a revision of 0 or more";
            }
            if (engagement.validForSeconds() == null || engagement.validForSeconds() <= 0) {
                return at + " needs validForSeconds above 0";
            }
            if (nonNull(engagement.sections()).stream().anyMatch(CatalogFile::isBlank)) {
                return at + " has a blank section";
            }
            return null;
        }

        private static LivePersonEngagement engagement(Engagement engagement) {
            return LivePersonEngagement.newBuilder()
                    .setEngagementId(engagement.id())
                    .setWindowId(engagement.windowId())
                    .setContextId(engagement.contextId())
                    .setLanguage(engagement.language())
                    .setRevision(engagement.revision())
                    .setValidForSeconds(engagement.validForSeconds())
                    .setSkillId(engagement.skillId())
                    .setSkillName(engagement.skillName())
                    .setSections(nonNull(engagement.sections()))
                    .setPriority(engagement.priority())
                    .setEnabled(engagement.enabled() == null || engagement.enabled())
                    .build();
        }
    }

    /**
     * Where this document gives API keys as bare SHA-256 (JSON paths, document order). A plain SHA-256
     * says nothing of the key's entropy and can be brute-forced from the catalog topic if the key is
     * weak, so the admin API takes such keys only as an explicit import; the catalog file is one.
     */
    public List<String> bareKeyHashPaths() {
        List<String> paths = new ArrayList<>();
        List<AlgoregTenantEntry> tenants = algoreg == null ? List.of() : nonNull(algoreg.tenants());
        for (int t = 0; t < tenants.size(); t++) {
            for (int k = 0; k < nonNull(tenants.get(t).apiKeys()).size(); k++) {
                paths.add("algoreg.tenants[" + t + "].apiKeys[" + k + "].sha256");
            }
        }
        List<ZenskarCatalog.Organisation> organisations = zenskar == null ? List.of() : nonNull(zenskar.organisations());
        for (int o = 0; o < organisations.size(); o++) {
            for (int k = 0; k < nonNull(organisations.get(o).apiKeys()).size(); k++) {
                paths.add("zenskar.organisations[" + o + "].apiKeys[" + k + "].sha256");
            }
        }
        return paths;
    }

    /** @throws IllegalArgumentException naming every problem of the file */
    public Map<String, Object> entries() {
        try {
            return collectEntries();
        } catch (AvroRuntimeException missing) {
            // a null the checks below let through into an entry's required field: still the document's error
            Matcher field = AVRO_FIELD.matcher(String.valueOf(missing.getMessage()));
            throw new IllegalArgumentException("The catalog is not valid: a required field is missing"
                    + (field.find() ? ": " + field.group(1) : ""));
        }
    }

    private static final Pattern AVRO_FIELD = Pattern.compile("^Field (\\w+) ");

    private Map<String, Object> collectEntries() {
        Map<String, Object> entries = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Tenant tenant : chat == null || chat.tenants() == null ? List.<Tenant>of() : chat.tenants()) {
            String where = "chat tenant '" + tenant.id() + "'";
            if (tenant.id() == null || tenant.id().isBlank()) {
                problems.add("a chat tenant has no id");
                continue;
            }
            List<ChatFlow> flows = new ArrayList<>();
            for (Flow flow : nonNull(tenant.flows())) {
                if (flow.id() == null || flow.intent() == null || flow.intent().name() == null
                        || flow.intent().displayLabel() == null) {
                    problems.add(where + ": every flow needs an id and an intent with name and displayLabel");
                    continue;
                }
                flows.add(ChatFlow.newBuilder().setFlowId(flow.id()).setPublished(flow.published())
                        .setIntent(intent(flow.intent())).build());
            }
            Set<String> flowIds = Set.copyOf(flows.stream().map(ChatFlow::getFlowId).toList());
            List<QuickQuestion> questions = nonNull(tenant.quickQuestions());
            if (questions.size() > MAX_QUICK_QUESTIONS) {
                problems.add(where + ": at most " + MAX_QUICK_QUESTIONS + " quick questions");
            }
            for (QuickQuestion question : questions) {
                if (question.question() == null || !PAGE_TYPES.contains(question.pageType())) {
                    problems.add(where + ": every quick question needs a text and a pageType of " + PAGE_TYPES);
                }
                if (question.flowId() != null && !flowIds.contains(question.flowId())) {
                    problems.add(where + ": quick question '" + question.question() + "' names unknown flow '"
                            + question.flowId() + "'");
                }
            }
            entries.put(CatalogKeys.chatTenant(tenant.id()), ChatTenant.newBuilder()
                    .setTenantId(tenant.id())
                    .setName(tenant.name() == null ? tenant.id() : tenant.name())
                    .setFlows(flows)
                    .setQuickQuestions(questions.stream()
                            .filter(q -> q.question() != null && PAGE_TYPES.contains(q.pageType()))
                            .map(q -> ChatQuickQuestionConfig.newBuilder()
                            .setQuestion(q.question()).setPageType(q.pageType()).setFlowId(q.flowId()).build())
                            .toList())
                    .build());
            for (WidgetKey key : nonNull(tenant.widgetKeys())) {
                if (key.publicKey() == null || !PUBLIC_KEY.matcher(key.publicKey()).matches()) {
                    problems.add(where + ": widget key '" + key.publicKey() + "' does not match " + PUBLIC_KEY);
                    continue;
                }
                List<String> origins = allowedOrigins(key, where, problems);
                entries.put(CatalogKeys.chatWidgetKey(key.publicKey()), ChatWidgetKey.newBuilder()
                        .setPublicKey(key.publicKey())
                        .setTenantId(tenant.id())
                        .setLabel(key.label() == null ? tenant.id() : key.label())
                        .setEnabled(key.enabled() == null || key.enabled())
                        .setAllowedOrigins(origins)
                        .setAllowsAllIntents(key.allowsAllIntents())
                        .setAllowedIntents(nonNull(key.allowedIntents()))
                        .build());
            }
        }
        if (zenskar != null) {
            zenskar.addEntries(entries, problems);
        }
        algoregEntries(entries, problems);
        if (liveperson != null) {
            liveperson.addEntries(entries, problems);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("The catalog is not valid: " + String.join("; ", problems));
        }
        return entries;
    }

    /** The key's origins as browsers send them ({@link WebOrigins#normalize}), or {@value WebOrigins#ANY}. */
    private static List<String> allowedOrigins(WidgetKey key, String where, List<String> problems) {
        List<String> origins = new ArrayList<>();
        for (String origin : nonNull(key.allowedOrigins())) {
            String normalized = WebOrigins.ANY.equals(origin) ? origin : WebOrigins.normalize(origin);
            if (normalized == null) {
                problems.add(where + ": widget key '" + key.publicKey() + "' allowed origin '" + origin
                        + "' is not an origin: scheme://host[:port] with scheme http or https, nothing after it "
                        + "(no path, not even '/'), or \"" + WebOrigins.ANY + "\"");
            } else if (!origins.contains(normalized)) {
                origins.add(normalized);
            }
        }
        return origins;
    }

    private void algoregEntries(Map<String, Object> entries, List<String> problems) {
        Set<String> tenantIds = new HashSet<>();
        Set<String> keyHashes = new HashSet<>();
        for (AlgoregTenantEntry tenant : algoreg == null ? List.<AlgoregTenantEntry>of() : nonNull(algoreg.tenants())) {
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
            for (AlgoregScenarioEntry scenario : nonNull(tenant.scenarios())) {
                if (scenario.code() == null || !ALGOREG_ID.matcher(scenario.code()).matches()) {
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
                        problems.add(where + ": scenario '" + scenario.code() + "' lists language '" + language
                                + "' twice");
                    }
                }
                scenarios.add(AlgoregScenario.newBuilder()
                        .setCode(scenario.code())
                        .setName(scenario.name() == null ? scenario.code() : scenario.name())
                        .setLanguages(languages)
                        .build());
            }
            entries.put(CatalogKeys.algoregTenant(tenant.id()), AlgoregTenant.newBuilder()
                    .setTenantId(tenant.id())
                    .setName(tenant.name() == null ? tenant.id() : tenant.name())
                    .setScenarios(scenarios)
                    .build());
            for (AlgoregApiKeyEntry key : nonNull(tenant.apiKeys())) {
                if (key.sha256() == null || !SHA256_HEX.matcher(key.sha256()).matches()) {
                    problems.add(where + ": an API key's sha256 must be 64 lower-case hex digits (the SHA-256 of "
                            + "the key, never the key itself)");
                    continue;
                }
                if (!keyHashes.add(key.sha256())) {
                    problems.add(where + ": API key " + key.sha256() + " is listed twice");
                }
                entries.put(CatalogKeys.algoregApiKey(key.sha256()), AlgoregApiKey.newBuilder()
                        .setKeySha256(key.sha256())
                        .setTenantId(tenant.id())
                        .setLabel(key.label() == null ? tenant.id() : key.label())
                        .build());
            }
        }
    }


    private static ChatIntent intent(Intent intent) {
        return ChatIntent.newBuilder()
                .setName(intent.name())
                .setDisplayLabel(intent.displayLabel())
                .setSubtitle(intent.subtitle())
                .setDescription(intent.description())
                .setExamples(nonNull(intent.examples()))
                .setRequiredEntities(nonNull(intent.requiredEntities()))
                .setIcon(intent.icon() == null ? null
                        : ChatIcon.newBuilder().setKind(intent.icon().kind()).setValue(intent.icon().value()).build())
                .setAccentColor(intent.accentColor())
                .setStyleVariant(intent.styleVariant())
                .setIsPinned(intent.isPinned())
                .setPriority(intent.priority())
                .build();
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
