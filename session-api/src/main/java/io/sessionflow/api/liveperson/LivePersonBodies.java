package io.sessionflow.api.liveperson;

import java.util.List;

/**
 * The bodies of LivePerson's app-engagement calls after {@link LivePersonRequestParser} accepted
 * them. They hold personal data (SDE values, the IP address): their {@code toString} leaves it out.
 */
public final class LivePersonBodies {

    private LivePersonBodies() {}

    /** {@code appDetails}; every field null when absent. */
    public record AppDetails(String appVersion, String osVersion, String deviceFamily, String os, String ipAddress) {
        @Override
        public String toString() {
            return "AppDetails[appVersion=" + appVersion + ", osVersion=" + osVersion + ", deviceFamily=" + deviceFamily
                    + ", os=" + os + ", ipAddress=" + (ipAddress == null ? "null" : "<redacted>") + "]";
        }
    }

    /** One impression event (impDisplay, impAccept, impExpanded, impTimeout, impClose). */
    public record Impression(String type, long campaignId, long engagementId, long revision, String contextId) {}

    /**
     * The SDEs of a body other than impression events.
     *
     * @param types the type of each, in order received
     * @param json  all of them as a compact JSON array, or null when there are none
     */
    public record EngagementAttributes(List<String> types, String json) {

        public static final EngagementAttributes NONE = new EngagementAttributes(List.of(), null);

        @Override
        public String toString() {
            return "EngagementAttributes[types=" + types + ", json=" + (json == null ? "null" : "<redacted>") + "]";
        }
    }

    /**
     * POST (create session) body.
     *
     * @param appDetails       null when absent
     * @param canonicalJson    the whole body as compact JSON, for the request's fingerprint
     */
    public record CreateBody(
            String appType,
            AppDetails appDetails,
            List<String> consumerSections,
            EngagementAttributes engagementAttributes,
            String canonicalJson) {
        @Override
        public String toString() {
            return "CreateBody[appType=" + appType + ", appDetails=" + appDetails + ", consumerSections="
                    + consumerSections + ", engagementAttributes=" + engagementAttributes + "]";
        }
    }

    /**
     * PUT (update session) body.
     *
     * @param impressions   from {@code impAttributes}, then those sent in {@code engagementAttributes}
     * @param canonicalJson the whole body as compact JSON, for the request's fingerprint
     */
    public record UpdateBody(
            String pageId,
            List<Impression> impressions,
            EngagementAttributes engagementAttributes,
            String canonicalJson) {
        @Override
        public String toString() {
            return "UpdateBody[pageId=" + pageId + ", impressions=" + impressions + ", engagementAttributes="
                    + engagementAttributes + "]";
        }
    }
}
