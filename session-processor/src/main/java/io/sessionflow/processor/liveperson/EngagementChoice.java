package io.sessionflow.processor.liveperson;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.sessionflow.schemas.liveperson.LivePersonAccount;
import io.sessionflow.schemas.liveperson.LivePersonCampaign;
import io.sessionflow.schemas.liveperson.LivePersonEngagement;
import io.sessionflow.schemas.liveperson.LivePersonEngagementOffer;

/**
 * Which engagement of an account's campaigns a request is offered: among the enabled engagements
 * that target one of the request's consumer sections (compared trimmed and case-insensitively) or
 * target no section at all, the one of highest priority; on a tie, the first in catalog order
 * (campaigns, then their engagements). The request has no language: an engagement's language is
 * its own and is only reported (target a language with a section such as "English").
 */
final class EngagementChoice {

    private record Candidate(LivePersonCampaign campaign, LivePersonEngagement engagement, int order) {}

    private static final Comparator<Candidate> BEST_FIRST = Comparator.comparingInt(
                    (Candidate c) -> c.engagement().getPriority())
            .reversed()
            .thenComparingInt(Candidate::order);

    private EngagementChoice() {}

    static Optional<LivePersonEngagementOffer> choose(LivePersonAccount account, Collection<String> consumerSections) {
        Set<String> sections = normalized(consumerSections);
        int order = 0;
        Candidate best = null;
        for (LivePersonCampaign campaign : account.getCampaigns()) {
            for (LivePersonEngagement engagement : campaign.getEngagements()) {
                Candidate candidate = new Candidate(campaign, engagement, order++);
                if (engagement.getEnabled()
                        && targets(engagement.getSections(), sections)
                        && (best == null || BEST_FIRST.compare(candidate, best) < 0)) {
                    best = candidate;
                }
            }
        }
        return Optional.ofNullable(best).map(EngagementChoice::offer);
    }

    private static boolean targets(List<String> engagementSections, Set<String> requestSections) {
        return engagementSections.isEmpty()
                || engagementSections.stream().map(EngagementChoice::normalize).anyMatch(requestSections::contains);
    }

    private static Set<String> normalized(Collection<String> sections) {
        return sections.stream().map(EngagementChoice::normalize).collect(Collectors.toSet());
    }

    private static String normalize(String section) {
        return section.trim().toLowerCase(Locale.ROOT);
    }

    private static LivePersonEngagementOffer offer(Candidate chosen) {
        LivePersonEngagement engagement = chosen.engagement();
        return LivePersonEngagementOffer.newBuilder()
                .setCampaignId(chosen.campaign().getCampaignId())
                .setEngagementId(engagement.getEngagementId())
                .setContextId(engagement.getContextId())
                .setWindowId(engagement.getWindowId())
                .setLanguage(engagement.getLanguage())
                .setEngagementRevision(engagement.getRevision())
                .setValidForSeconds(engagement.getValidForSeconds())
                .setSkillId(engagement.getSkillId())
                .setSkillName(engagement.getSkillName())
                .build();
    }
}
