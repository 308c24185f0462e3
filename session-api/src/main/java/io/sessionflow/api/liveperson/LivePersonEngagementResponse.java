package io.sessionflow.api.liveperson;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sessionflow.schemas.liveperson.LivePersonEngagementOffer;
import io.sessionflow.schemas.liveperson.LivePersonSessionDetails;

/**
 * The create-session answer, in the documented order: {@code status} ({@code Available} or
 * {@code NotAvailable}), {@code sessionId}, {@code visitorId}, {@code pageId} and, when Available,
 * {@code engagementDetails}; ids typed as the documented field table types them (numbers as JSON
 * numbers).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LivePersonEngagementResponse(
        String status, String sessionId, String visitorId, String pageId, EngagementDetails engagementDetails) {

    /** {@code skillId} and {@code skillName} are left out when the engagement has no skill. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EngagementDetails(
            long campaignId,
            long engagementId,
            String contextId,
            String windowId,
            String language,
            long engagementRevision,
            int validForSeconds,
            Long skillId,
            String skillName) {}

    /**
     * @param sessionId the call's raw sid (the details hold only pseudonyms of the ids)
     * @param visitorId the call's raw visitorId
     */
    static LivePersonEngagementResponse of(String sessionId, String visitorId, LivePersonSessionDetails details) {
        LivePersonEngagementOffer offer = details.getEngagement();
        if (offer == null) {
            return new LivePersonEngagementResponse("NotAvailable", sessionId, visitorId, details.getPageId(), null);
        }
        return new LivePersonEngagementResponse(
                "Available",
                sessionId,
                visitorId,
                details.getPageId(),
                new EngagementDetails(
                        offer.getCampaignId(),
                        offer.getEngagementId(),
                        offer.getContextId(),
                        offer.getWindowId(),
                        offer.getLanguage(),
                        offer.getEngagementRevision(),
                        offer.getValidForSeconds(),
                        offer.getSkillId(),
                        offer.getSkillName()));
    }
}
