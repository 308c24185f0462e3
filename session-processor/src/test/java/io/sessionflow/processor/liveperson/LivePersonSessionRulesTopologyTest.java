package io.sessionflow.processor.liveperson;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import io.sessionflow.processor.SessionRules;
import io.sessionflow.processor.SessionRulesTopologyTest;
import io.sessionflow.schemas.events.EngagementAvailable;
import io.sessionflow.schemas.events.ImpressionRecorded;
import io.sessionflow.schemas.events.Provider;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionExpired;
import io.sessionflow.schemas.events.SessionRejected;
import io.sessionflow.schemas.events.SessionResumed;
import io.sessionflow.schemas.liveperson.LivePersonAccount;
import io.sessionflow.schemas.liveperson.LivePersonCampaign;
import io.sessionflow.schemas.liveperson.LivePersonCatalogKeys;
import io.sessionflow.schemas.liveperson.LivePersonEngagement;
import io.sessionflow.schemas.liveperson.LivePersonEngagementOffer;
import io.sessionflow.schemas.liveperson.LivePersonImpression;
import io.sessionflow.schemas.liveperson.LivePersonOperation;
import io.sessionflow.schemas.liveperson.LivePersonSessionDetails;
import io.sessionflow.schemas.liveperson.LivePersonSessionRequested;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LivePerson's rules in the real processor topology, with a fixed clock and counted ids. */
class LivePersonSessionRulesTopologyTest extends SessionRulesTopologyTest<LivePersonSessionRequested> {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.250Z");
    private static final Duration TTL = Duration.ofMinutes(30);
    private static final String ACCOUNT = "12345678";
    private static final long SUPPORT_CAMPAIGN = 3346848610L;
    private static final long SALES_CAMPAIGN = 3346848620L;

    private int requestCount;

    LivePersonSessionRulesTopologyTest() {
        super(NOW);
    }

    @Override
    protected SessionRules<LivePersonSessionRequested> rules(Supplier<UUID> ids) {
        return new LivePersonSessionRules(TTL, ids);
    }

    @Override
    protected LivePersonSessionRequested accepted(String sessionKey) {
        return start(sessionKey, "sid-" + sessionKey, "visitor-1", List.of("Support"));
    }

    @Override
    protected List<LivePersonSessionRequested> rejected() {
        LivePersonSessionRequested unknownAccount = start("account", "sid-account", "visitor-1", List.of());
        unknownAccount.setAccountId("nope");
        return List.of(
                unknownAccount,
                resume("sid", "sid-unknown", "visitor-1", List.of()),
                update("update", "sid-unknown", "visitor-1", "page-7", List.of(impression("impDisplay", "1"))));
    }

    @BeforeEach
    void setUp() {
        putAccount(List.of(
                campaign(
                        SUPPORT_CAMPAIGN,
                        engagement(11, List.of("Support"), 10, true, 23L, "Support"),
                        engagement(12, List.of("Support"), 100, false, null, null),
                        engagement(13, List.of("support", "English"), 10, true, null, null)),
                campaign(
                        SALES_CAMPAIGN,
                        engagement(21, List.of("Sales"), 5, true, null, null),
                        engagement(22, List.of(), 1, true, null, null))));
    }

    @Test
    void startOffersTheHighestPriorityEnabledEngagementOfTheSectionsAndAnnouncesIt() {
        send(start("k1", "sid-1", "visitor-1", List.of("Support", "Other")));

        List<SessionEvent> out = events.readValuesToList();
        assertThat(out).hasSize(2);
        SessionEvent answer = out.get(0);
        assertThat(answer.getProvider()).isEqualTo(Provider.LIVEPERSON);
        assertThat(answer.getTenantId()).isEqualTo(ACCOUNT);
        assertThat(answer.getSessionKey()).isEqualTo("k1");
        SessionCreated created = (SessionCreated) answer.getPayload();
        assertThat(created.getSessionId()).isEqualTo("sid-1");
        assertThat(created.getCreatedAt()).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
        assertThat(created.getExpiresAt()).isEqualTo(Instant.parse("2026-03-01T12:30:00Z"));
        LivePersonSessionDetails details = (LivePersonSessionDetails) created.getDetails();
        assertThat(details.getVisitorId()).isEqualTo("visitor-1");
        assertThat(details.getPageId()).isEqualTo("1");
        assertThat(details.getAppType()).isEqualTo("MSDK");
        assertThat(details.getSdeTypes()).containsExactly("personal");
        LivePersonEngagementOffer offer = details.getEngagement();
        assertThat(offer.getEngagementId())
                .as("12 is disabled; 11 precedes 13 in catalog order")
                .isEqualTo(11);
        assertThat(offer.getCampaignId()).isEqualTo(SUPPORT_CAMPAIGN);
        assertThat(offer.getWindowId()).isEqualTo("w-11");
        assertThat(offer.getContextId()).isEqualTo("1");
        assertThat(offer.getLanguage()).isEqualTo("en-US");
        assertThat(offer.getEngagementRevision()).isEqualTo(44);
        assertThat(offer.getValidForSeconds()).isEqualTo(900);
        assertThat(offer.getSkillId()).isEqualTo(23L);
        assertThat(offer.getSkillName()).isEqualTo("Support");

        SessionEvent announced = out.get(1);
        assertThat(announced.getSessionKey()).isEqualTo("k1");
        assertThat(announced.getRequestKey()).isEqualTo("r-1");
        EngagementAvailable available = (EngagementAvailable) announced.getPayload();
        assertThat(available.getSessionId()).isEqualTo("sid-1");
        assertThat(available.getPageId()).isEqualTo("1");
        assertThat(available.getCampaignId()).isEqualTo(SUPPORT_CAMPAIGN);
        assertThat(available.getEngagementId()).isEqualTo(11);
        assertThat(available.getEngagementRevision()).isEqualTo(44);
        assertThat(available.getValidForSeconds()).isEqualTo(900);
        assertThat(available.getSkillId()).isEqualTo(23L);
        assertThat(available.getSkillName()).isEqualTo("Support");
    }

    @Test
    void sectionsMatchCaseInsensitivelyAndAnotherSectionChoosesAnotherCampaign() {
        send(start("k1", "sid-1", "visitor-1", List.of(" sales ")));

        LivePersonEngagementOffer offer = offerOf(events.readValue());
        assertThat(offer.getCampaignId()).isEqualTo(SALES_CAMPAIGN);
        assertThat(offer.getEngagementId()).isEqualTo(21);
        assertThat(offer.getSkillId()).isNull();
    }

    @Test
    void anEngagementWithoutSectionsMatchesEveryRequest() {
        send(start("k1", "sid-1", "visitor-1", List.of()));

        assertThat(offerOf(events.readValue()).getEngagementId()).isEqualTo(22);
    }

    @Test
    void noMatchingEngagementIsNotAvailableWithoutAnEngagementEvent() {
        putAccount(List.of(campaign(
                SUPPORT_CAMPAIGN,
                engagement(11, List.of("Support"), 10, true, null, null),
                engagement(12, List.of("Sales"), 100, false, null, null))));

        send(start("k1", "sid-1", "visitor-1", List.of("Sales", "Other")));

        List<SessionEvent> out = events.readValuesToList();
        assertThat(out).singleElement().satisfies(event -> {
            LivePersonSessionDetails details =
                    (LivePersonSessionDetails) ((SessionCreated) event.getPayload()).getDetails();
            assertThat(details.getEngagement()).isNull();
            assertThat(details.getPageId()).isNotBlank();
        });
    }

    @Test
    void anUnknownAccountIsRejectedWith404() {
        LivePersonSessionRequested request = start("k1", "sid-1", "visitor-1", List.of());
        request.setAccountId("nope");

        send(request);

        SessionEvent event = events.readValue();
        assertThat(event.getTenantId()).isNull();
        SessionRejected rejected = (SessionRejected) event.getPayload();
        assertThat(rejected.getHttpStatus()).isEqualTo(404);
        assertThat(rejected.getCode()).isEqualTo("200");
        assertThat(rejected.getReasons())
                .singleElement()
                .satisfies(r -> assertThat(r.getField()).isEqualTo("accountId"));
        assertThat(rejected.toString()).doesNotContain("nope");
    }

    @Test
    void aSecondCallResumesTheSessionWithANewPageAndAFreshDecision() {
        send(start("k1", "sid-1", "visitor-1", List.of("Support")));
        events.readValuesToList();
        driver.advanceWallClockTime(Duration.ofMinutes(10));

        send(resume("k1", "sid-1", "visitor-1", List.of("Sales")));

        List<SessionEvent> out = events.readValuesToList();
        assertThat(out).hasSize(2);
        SessionResumed resumed = (SessionResumed) out.get(0).getPayload();
        assertThat(resumed.getSessionId()).isEqualTo("sid-1");
        assertThat(resumed.getCreatedAt()).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
        assertThat(resumed.getExpiresAt())
                .as("every call keeps the visit alive")
                .isEqualTo(Instant.parse("2026-03-01T12:40:00Z"));
        LivePersonSessionDetails details = (LivePersonSessionDetails) resumed.getDetails();
        assertThat(details.getVisitorId()).isEqualTo("visitor-1");
        assertThat(details.getPageId()).isNotEqualTo("1");
        assertThat(details.getEngagement().getEngagementId()).isEqualTo(21);
        EngagementAvailable available = (EngagementAvailable) out.get(1).getPayload();
        assertThat(available.getPageId()).isEqualTo(details.getPageId());
        assertThat(available.getEngagementId()).isEqualTo(21);
    }

    @Test
    void aSidThatNamesNoSessionIsRejectedWith404() {
        send(resume("k-unknown", "sid-unknown", "visitor-1", List.of()));

        SessionRejected rejected = (SessionRejected) events.readValue().getPayload();
        assertThat(rejected.getHttpStatus()).isEqualTo(404);
        assertThat(rejected.getCode()).isEqualTo("201");
        assertThat(rejected.getReasons())
                .singleElement()
                .satisfies(r -> assertThat(r.getField()).isEqualTo("sid"));
        assertThat(rejected.toString())
                .as("no request value in a public rejection")
                .doesNotContain("sid-unknown")
                .doesNotContain("visitor-1");
    }

    @Test
    void anotherVisitorsSessionIsRejectedWith404AndLeftAsItWas() {
        send(start("k1", "sid-1", "visitor-1", List.of("Support")));
        events.readValuesToList();

        send(resume("k1", "sid-1", "visitor-2", List.of("Sales")));

        SessionRejected rejected = (SessionRejected) events.readValue().getPayload();
        assertThat(rejected.getHttpStatus()).isEqualTo(404);
        assertThat(rejected.getReasons())
                .singleElement()
                .satisfies(r -> assertThat(r.getField()).isEqualTo("visitorId"));
        assertThat(rejected.toString()).doesNotContain("visitor-2").doesNotContain("sid-1");
        SessionEvent stored = state("k1");
        assertThat(stored.getPayload()).isInstanceOf(SessionCreated.class);
    }

    @Test
    void anExpiredSessionIsNotFound() {
        send(start("k1", "sid-1", "visitor-1", List.of("Support")));
        events.readValuesToList();
        driver.advanceWallClockTime(TTL);
        assertThat(events.readValue().getPayload())
                .as("the expiry punctuator ended it")
                .isInstanceOf(SessionExpired.class);

        send(resume("k1", "sid-1", "visitor-1", List.of("Support")));

        assertThat(((SessionRejected) events.readValue().getPayload()).getCode())
                .isEqualTo("201");
    }

    @Test
    void anUpdateRecordsEachImpressionOnTheNamedPageAndKeepsTheOffer() {
        send(start("k1", "sid-1", "visitor-1", List.of("Support")));
        events.readValuesToList();
        LivePersonSessionRequested update = update(
                "k1",
                "sid-1",
                "visitor-1",
                "page-7",
                List.of(impression("impDisplay", "1"), impression("impAccept", null)));

        send(update);

        List<SessionEvent> out = events.readValuesToList();
        assertThat(out).hasSize(3);
        SessionResumed resumed = (SessionResumed) out.get(0).getPayload();
        LivePersonSessionDetails details = (LivePersonSessionDetails) resumed.getDetails();
        assertThat(details.getPageId()).isEqualTo("page-7");
        assertThat(details.getEngagement().getEngagementId()).isEqualTo(11);
        assertThat(details.getSdeTypes()).containsExactly("ctmrinfo");
        assertThat(out.subList(1, 3)).allSatisfy(event -> {
            assertThat(event.getSessionKey()).isEqualTo("k1");
            assertThat(event.getTenantId()).isEqualTo(ACCOUNT);
            assertThat(event.getRequestKey()).isEqualTo(update.getRequestKey());
        });
        ImpressionRecorded display = (ImpressionRecorded) out.get(1).getPayload();
        assertThat(display.getImpressionType()).isEqualTo("impDisplay");
        assertThat(display.getSessionId()).isEqualTo("sid-1");
        assertThat(display.getPageId()).isEqualTo("page-7");
        assertThat(display.getCampaignId()).isEqualTo(SUPPORT_CAMPAIGN);
        assertThat(display.getEngagementId()).isEqualTo(11);
        assertThat(display.getRevision()).isEqualTo(44);
        assertThat(display.getContextId()).isEqualTo("1");
        ImpressionRecorded accept = (ImpressionRecorded) out.get(2).getPayload();
        assertThat(accept.getImpressionType()).isEqualTo("impAccept");
        assertThat(accept.getContextId()).isNull();
    }

    @Test
    void anUpdateOfAnUnknownSessionIsRejectedAndRecordsNothing() {
        send(update("k-unknown", "sid-unknown", "visitor-1", "page-7", List.of(impression("impDisplay", "1"))));

        List<SessionEvent> out = events.readValuesToList();
        assertThat(out)
                .singleElement()
                .satisfies(event -> assertThat(((SessionRejected) event.getPayload()).getHttpStatus())
                        .isEqualTo(404));
    }

    // ---- fixtures -----------------------------------------------------------------------------------

    private void putAccount(List<LivePersonCampaign> campaigns) {
        putCatalog(
                LivePersonCatalogKeys.account(ACCOUNT),
                LivePersonAccount.newBuilder()
                        .setAccountId(ACCOUNT)
                        .setName("Demo")
                        .setCampaigns(campaigns)
                        .build());
    }

    private static LivePersonEngagementOffer offerOf(SessionEvent event) {
        return ((LivePersonSessionDetails) ((SessionCreated) event.getPayload()).getDetails()).getEngagement();
    }

    private LivePersonSessionRequested.Builder request(
            LivePersonOperation operation, String sessionKey, String sid, String visitorId) {
        requestCount++;
        return LivePersonSessionRequested.newBuilder()
                .setSessionKey(sessionKey)
                .setRequestKey("r-" + requestCount)
                .setRequestedAt(NOW)
                .setRequestFingerprint("fp-" + requestCount)
                .setOperation(operation)
                .setAccountId(ACCOUNT)
                .setVisitorId(visitorId)
                .setSessionId(sid);
    }

    private LivePersonSessionRequested start(String sessionKey, String sid, String visitorId, List<String> sections) {
        return request(LivePersonOperation.START, sessionKey, sid, visitorId)
                .setAppType("MSDK")
                .setConsumerSections(sections)
                .setSdeTypes(List.of("personal"))
                .setEngagementAttributesJson("[{\"type\":\"personal\",\"personal\":{\"firstname\":\"Sarah\"}}]")
                .build();
    }

    private LivePersonSessionRequested resume(String sessionKey, String sid, String visitorId, List<String> sections) {
        return request(LivePersonOperation.RESUME, sessionKey, sid, visitorId)
                .setAppType("EXTERNAL")
                .setConsumerSections(sections)
                .build();
    }

    private LivePersonSessionRequested update(
            String sessionKey, String sid, String visitorId, String pageId, List<LivePersonImpression> impressions) {
        return request(LivePersonOperation.UPDATE, sessionKey, sid, visitorId)
                .setPageId(pageId)
                .setImpressions(impressions)
                .setSdeTypes(List.of("ctmrinfo"))
                .build();
    }

    private static LivePersonImpression impression(String type, String contextId) {
        return LivePersonImpression.newBuilder()
                .setType(type)
                .setCampaignId(SUPPORT_CAMPAIGN)
                .setEngagementId(11)
                .setRevision(44)
                .setContextId(contextId)
                .build();
    }

    private static LivePersonCampaign campaign(long id, LivePersonEngagement... engagements) {
        return LivePersonCampaign.newBuilder()
                .setCampaignId(id)
                .setEngagements(List.of(engagements))
                .build();
    }

    private static LivePersonEngagement engagement(
            long id, List<String> sections, int priority, boolean enabled, Long skillId, String skillName) {
        return LivePersonEngagement.newBuilder()
                .setEngagementId(id)
                .setWindowId("w-" + id)
                .setContextId("1")
                .setLanguage("en-US")
                .setRevision(44)
                .setValidForSeconds(900)
                .setSkillId(skillId)
                .setSkillName(skillName)
                .setSections(sections)
                .setPriority(priority)
                .setEnabled(enabled)
                .build();
    }
}
