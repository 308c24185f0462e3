package io.sessionflow.api.liveperson;

import static io.sessionflow.api.catalog.CatalogSection.nonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.sessionflow.api.catalog.CatalogSection;
import io.sessionflow.api.catalog.CatalogSectionType;
import io.sessionflow.schemas.liveperson.LivePersonAccount;
import io.sessionflow.schemas.liveperson.LivePersonCampaign;
import io.sessionflow.schemas.liveperson.LivePersonCatalogKeys;
import io.sessionflow.schemas.liveperson.LivePersonEngagement;

/**
 * The {@code liveperson} section of the catalog file (see {@code docs/catalog.md}): accounts with their
 * campaigns and engagements, turned into the catalog entries {@code liveperson:account:<id>}.
 */
public record LivePersonCatalog(List<Account> accounts) implements CatalogSection {

    /** Its name in the catalog document. */
    public static final CatalogSectionType SECTION = new CatalogSectionType("liveperson", LivePersonCatalog.class);

    private static final Pattern ACCOUNT_ID = Pattern.compile("^[a-zA-Z0-9_]{1,20}$");

    /** An LP site: {@code liveperson:account:<id>}. */
    public record Account(String id, String name, List<Campaign> campaigns) {}

    public record Campaign(Long id, String name, List<Engagement> engagements) {}

    /** {@code enabled} defaults to true; {@code sections} empty targets every request. */
    public record Engagement(
            Long id,
            String windowId,
            String contextId,
            String language,
            Long revision,
            Integer validForSeconds,
            Long skillId,
            String skillName,
            List<String> sections,
            int priority,
            Boolean enabled) {}

    @Override
    public void addEntries(Map<String, Object> entries, List<String> problems) {
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
                campaigns.add(LivePersonCampaign.newBuilder()
                        .setCampaignId(campaign.id())
                        .setName(campaign.name())
                        .setEngagements(engagements)
                        .build());
            }
            entries.put(
                    LivePersonCatalogKeys.account(account.id()),
                    LivePersonAccount.newBuilder()
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
        if (nonNull(engagement.sections()).stream().anyMatch(LivePersonCatalog::isBlank)) {
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

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
