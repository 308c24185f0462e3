package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.events.EngagementAvailable;
import io.sessionflow.schemas.events.ImpressionRecorded;
import io.sessionflow.schemas.events.SessionEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** LivePerson's App Engagement API (create and update session), over HTTP, through the real event path. */
class LivePersonSessionEndToEndTest extends EndToEndTest {

    private static final String ACCOUNT = "12345678";
    private static final String VISITORS = "/liveperson/api/account/" + ACCOUNT + "/app/engagement/visitors";
    private static final String SUPPORT = "{\"appType\":\"MSDK\",\"consumerSections\":[\"Support\",\"English\"]}";
    private static final String SALES = "{\"appType\":\"EXTERNAL\",\"consumerSections\":\"Sales, Other\"}";

    private static Response create(String body) {
        return post(VISITORS + "?v=1.0", body, Map.of());
    }

    private static Response resume(String visitorId, String sid, String body) {
        return post(VISITORS + "/" + visitorId + "?v=1.0&sid=" + sid, body, Map.of());
    }

    private static Response update(String visitorId, String sid, String body) {
        return send("PUT", VISITORS + "/" + visitorId + "?v=1.0&sid=" + sid, body, Map.of());
    }

    private static void assertError(Response response, int status, int internalCode) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(fieldNames(response.body())).containsExactly("time", "message", "internalCode");
        assertThat(response.body().get("internalCode").asInt()).isEqualTo(internalCode);
        assertThat(response.body().get("time").isIntegralNumber()).isTrue();
        assertThat(response.body().get("message").isString()).isTrue();
    }

    @Test
    void aFirstCallStartsASessionWithTheDocumentedAvailableShape() {
        Response response = create("""
                {"appType":"MSDK",
                 "appDetails":{"os":"MAC_OSX","osVersion":"1.2","appVersion":"1.0","deviceFamily":"MOBILE",
                               "ipAddress":"192.168.5.2"},
                 "consumerSections":["Support","English","Other"],
                 "engagementAttributes":[{"type":"personal","personal":{"firstname":"Sarah","lastname":"West"}}]}
                """);

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.body();
        assertThat(fieldNames(body)).containsExactly("status", "sessionId", "visitorId", "pageId", "engagementDetails");
        assertThat(body.get("status").asString()).isEqualTo("Available");
        assertThat(body.get("sessionId").asString()).isNotBlank();
        assertThat(body.get("visitorId").asString())
                .isNotBlank()
                .isNotEqualTo(body.get("sessionId").asString());
        assertThat(body.get("pageId").asString()).matches("\\d+");
        JsonNode details = body.get("engagementDetails");
        assertThat(fieldNames(details))
                .containsExactly(
                        "campaignId",
                        "engagementId",
                        "contextId",
                        "windowId",
                        "language",
                        "engagementRevision",
                        "validForSeconds",
                        "skillId",
                        "skillName");
        assertThat(details.get("campaignId").isIntegralNumber()).isTrue();
        assertThat(details.get("campaignId").asLong()).isEqualTo(3346848610L);
        assertThat(details.get("engagementId").asLong())
                .as("the higher-priority one is disabled")
                .isEqualTo(3562981110L);
        assertThat(details.get("contextId").asString()).isEqualTo("1");
        assertThat(details.get("windowId").isString()).isTrue();
        assertThat(details.get("windowId").asString()).isEqualTo("3346847910");
        assertThat(details.get("language").asString()).isEqualTo("en-US");
        assertThat(details.get("engagementRevision").asInt()).isEqualTo(44);
        assertThat(details.get("validForSeconds").asInt()).isEqualTo(900);
        assertThat(details.get("skillId").asInt()).isEqualTo(23);
        assertThat(details.get("skillName").asString()).isEqualTo("TestSkill");
    }

    @Test
    void noMatchingEngagementIsNotAvailableWithoutEngagementDetails() {
        Response response = post(
                "/liveperson/api/account/demo_no_engagement/app/engagement/visitors/?v=1&sid=",
                "{\"appType\":\"MSDK\",\"consumerSections\":[\"VIP\",\"Support\"]}",
                Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(fieldNames(response.body())).containsExactly("status", "sessionId", "visitorId", "pageId");
        assertThat(response.body().get("status").asString()).isEqualTo("NotAvailable");
        assertThat(response.body().get("pageId").asString()).isNotBlank();
    }

    @Test
    void aFirstCallMayNameItsReturningVisitor() {
        Response response = post(VISITORS + "/returning_visitor-1?v=1.0", SUPPORT, Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("visitorId").asString()).isEqualTo("returning_visitor-1");
    }

    @Test
    void aSecondCallWithVisitorAndSidContinuesTheSessionWithANewPageAndAFreshDecision() {
        JsonNode first = create(SUPPORT).body();
        String sid = first.get("sessionId").asString();
        String visitorId = first.get("visitorId").asString();

        Response second = resume(visitorId, sid, SALES);

        assertThat(second.status()).isEqualTo(200);
        JsonNode body = second.body();
        assertThat(body.get("sessionId").asString()).isEqualTo(sid);
        assertThat(body.get("visitorId").asString()).isEqualTo(visitorId);
        assertThat(body.get("pageId").asString())
                .isNotEqualTo(first.get("pageId").asString());
        assertThat(body.get("status").asString()).isEqualTo("Available");
        JsonNode details = body.get("engagementDetails");
        assertThat(details.get("engagementId").asLong()).isEqualTo(3562981210L);
        assertThat(details.get("language").asString()).isEqualTo("es-ES");
        assertThat(fieldNames(details)).as("the sales engagement has no skill").doesNotContain("skillId", "skillName");
    }

    @Test
    void aSidThatNamesNoSessionIs404() {
        assertError(resume("visitor-1", "no-such-session", SUPPORT), 404, 201);
    }

    @Test
    void anotherVisitorsSidIs404() {
        String sid = create(SUPPORT).body().get("sessionId").asString();

        assertError(resume("someone-else", sid, SUPPORT), 404, 201);
    }

    @Test
    void aBadVersionIs400IllegalVersionInLivePersonsErrorBody() {
        long before = System.currentTimeMillis();

        Response response = post(VISITORS + "?v=2.0", SUPPORT, Map.of());

        assertError(response, 400, 33);
        assertThat(response.body().get("message").asString()).isEqualTo("Illegal Version");
        assertThat(response.body().get("time").asLong()).isBetween(before, System.currentTimeMillis());
        assertError(post(VISITORS, SUPPORT, Map.of()), 400, 33);
    }

    @Test
    void aBadAccountIdIs400AndAnUnknownAccount404() {
        Response bad = post("/liveperson/api/account/not-valid!/app/engagement/visitors?v=1.0", SUPPORT, Map.of());
        Response unknown = post("/liveperson/api/account/99999999/app/engagement/visitors?v=1.0", SUPPORT, Map.of());

        assertError(bad, 400, 102);
        assertThat(bad.body().get("message").asString()).isEqualTo("accountId must match ^[a-zA-Z0-9_]{1,20}$");
        assertError(unknown, 404, 200);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "appType       | {\"appType\":\"WEB\"}                                           | appType must be one of MSDK, EXTERNAL",
                "deviceFamily  | {\"appType\":\"MSDK\",\"appDetails\":{\"deviceFamily\":\"PHONE\"}} | appDetails.deviceFamily must be one of DESKTOP, TABLET, MOBILE",
                "os            | {\"appType\":\"MSDK\",\"appDetails\":{\"os\":\"windows\"}}       | appDetails.os must be one of WINDOWS, MAC_OSX, LINUX, IOS, ANDROID",
                "ipAddress     | {\"appType\":\"MSDK\",\"appDetails\":{\"ipAddress\":\"192.168.5\"}} | appDetails.ipAddress must be an IPv4 or IPv6 address",
                "ipv6 zone     | {\"appType\":\"MSDK\",\"appDetails\":{\"ipAddress\":\"fe80::1%eth0\"}} | appDetails.ipAddress must be an IPv4 or IPv6 address",
                "sde type      | {\"appType\":\"MSDK\",\"engagementAttributes\":[{\"type\":\"shoeSize\"}]} | engagementAttributes[0].type must be one of ctmrinfo, personal, mrktInfo, cart, purchase, prodView, lead, service, error, searchInfo",
            })
    void invalidFieldsAre400NamingTheField(String rule, String body, String message) {
        Response response = create(body);

        assertError(response, 400, 101);
        assertThat(response.body().get("message").asString()).as(rule).isEqualTo(message);
    }

    @Test
    void malformedJsonIs400() {
        assertError(create("{\"appType\":\"MSDK\""), 400, 100);
        assertError(
                post(VISITORS + "?v=1.0", "appType=MSDK", Map.of("Content-Type", "application/x-www-form-urlencoded")),
                400,
                100);
    }

    @Test
    void anImpressionEventIsRefusedWhenCreatingASession() {
        Response response = create("{\"appType\":\"MSDK\",\"engagementAttributes\":[{\"type\":\"impDisplay\","
                + "\"campaign\":3346848610,\"engId\":3562981110,\"revision\":44}]}");

        assertError(response, 400, 101);
        assertThat(response.body().get("message").asString())
                .startsWith("engagementAttributes[0].type impDisplay is an " + "impression event");
    }

    @Test
    void anUpdateRecordsEachImpressionOnSessionEventsAndAnswersAnEmpty200() {
        JsonNode session = create(SUPPORT).body();
        String sid = session.get("sessionId").asString();
        String pageId = session.get("pageId").asString();

        Response response = update(session.get("visitorId").asString(), sid, """
                {"pageId":"%s",
                 "impAttributes":[
                   {"type":"impDisplay","campaign":3346848610,"engId":3562981110,"revision":44,
                    "eContext":[{"type":"engagementContext","id":"1"}]},
                   {"type":"impAccept","campaign":3346848610,"engId":3562981110,"revision":44}],
                 "engagementAttributes":[{"type":"ctmrinfo","info":{"ctype":"vip"}}]}
                """.formatted(pageId));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isNull();
        List<SessionEvent> events = eventsOf(sid);
        assertThat(events)
                .filteredOn(e -> e.getPayload() instanceof EngagementAvailable)
                .singleElement()
                .satisfies(e -> {
                    EngagementAvailable available = (EngagementAvailable) e.getPayload();
                    assertThat(available.getPageId()).isEqualTo(pageId);
                    assertThat(available.getEngagementId()).isEqualTo(3562981110L);
                });
        List<ImpressionRecorded> impressions = events.stream()
                .map(SessionEvent::getPayload)
                .filter(ImpressionRecorded.class::isInstance)
                .map(ImpressionRecorded.class::cast)
                .toList();
        assertThat(impressions)
                .extracting(ImpressionRecorded::getImpressionType)
                .containsExactly("impDisplay", "impAccept");
        assertThat(impressions).allSatisfy(impression -> {
            assertThat(impression.getPageId()).isEqualTo(pageId);
            assertThat(impression.getCampaignId()).isEqualTo(3346848610L);
            assertThat(impression.getEngagementId()).isEqualTo(3562981110L);
            assertThat(impression.getRevision()).isEqualTo(44);
        });
        assertThat(impressions.get(0).getContextId()).isEqualTo("1");
    }

    @Test
    void anUpdateNeedsAnExistingSessionAndItsSid() {
        JsonNode session = create(SUPPORT).body();
        String visitorId = session.get("visitorId").asString();

        assertError(send("PUT", VISITORS + "/" + visitorId + "?v=1.0", "{\"pageId\":\"1\"}", Map.of()), 400, 102);
        assertError(update(visitorId, "no-such-session", "{\"pageId\":\"1\"}"), 404, 201);
        assertError(update(visitorId, session.get("sessionId").asString(), "{}"), 400, 101);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheSameAnswer() {
        String key = "retry-" + UUID.randomUUID();

        Response first = post(VISITORS + "?v=1.0", SUPPORT, Map.of("Idempotency-Key", key));
        Response second = post(VISITORS + "?v=1.0", SUPPORT, Map.of("Idempotency-Key", key));
        Response otherBody = post(VISITORS + "?v=1.0", SALES, Map.of("Idempotency-Key", key));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertError(otherBody, 422, 104);
        String sid = first.body().get("sessionId").asString();
        awaitAllRequestsDecided();
        assertThat(eventsOf(sid))
                .as("decided once: created, engagement available")
                .hasSize(2);
    }

    @Test
    void aRetriedUpdateRecordsItsImpressionsOnce() {
        JsonNode session = create(SUPPORT).body();
        String sid = session.get("sessionId").asString();
        String path = VISITORS + "/" + session.get("visitorId").asString() + "?v=1.0&sid=" + sid;
        String body = "{\"pageId\":\"p1\",\"impAttributes\":[{\"type\":\"impTimeout\",\"campaign\":3346848610,"
                + "\"engId\":3562981110,\"revision\":44}]}";
        Map<String, String> key = Map.of("Idempotency-Key", "put-" + UUID.randomUUID());

        assertThat(send("PUT", path, body, key).status()).isEqualTo(200);
        assertThat(send("PUT", path, body, key).status()).isEqualTo(200);
        awaitAllRequestsDecided();

        assertThat(eventsOf(sid))
                .filteredOn(e -> e.getPayload() instanceof ImpressionRecorded)
                .hasSize(1);
    }

    @Test
    void sessionEventsCarryNoPersonalSdeValuesNorTheIpAddress() {
        String email = "visitor-" + UUID.randomUUID() + "@example.com";
        String firstName = "Name" + UUID.randomUUID().toString().replace("-", "");
        String personal = "{\"type\":\"personal\",\"personal\":{\"firstname\":\"" + firstName
                + "\",\"contacts\":[{\"email\":\"" + email + "\",\"phone\":\"+1 212-788-8877\"}]}}";
        JsonNode session = create("{\"appType\":\"MSDK\",\"appDetails\":{\"ipAddress\":\"203.0.113.177\"},"
                        + "\"consumerSections\":[\"Support\"],\"engagementAttributes\":[" + personal + "]}")
                .body();
        String sid = session.get("sessionId").asString();
        assertThat(update(
                                session.get("visitorId").asString(),
                                sid,
                                "{\"pageId\":\"p1\",\"engagementAttributes\":[" + personal + "]}")
                        .status())
                .isEqualTo(200);

        String sessionKey = SESSION_KEYS.derivedKey("liveperson", ACCOUNT, sid);
        awaitAllRequestsDecided();
        int found = 0;
        for (ConsumerRecord<String, byte[]> record : readSessionEvents()) {
            String raw = new String(record.value(), StandardCharsets.ISO_8859_1);
            assertThat(raw)
                    .doesNotContain(email)
                    .doesNotContain(firstName)
                    .doesNotContain("203.0.113.177")
                    .doesNotContain("212-788-8877");
            if (sessionKey.equals(record.key())) {
                found++;
            }
        }
        assertThat(found)
                .as("created, engagement available, resumed by the PUT")
                .isEqualTo(3);
    }

    @Test
    void otherMethodsAndPathsAnswerInLivePersonsErrorBody() {
        Response get = send("GET", VISITORS + "?v=1.0", null, Map.of());
        Response unknown = post("/liveperson/api/account/" + ACCOUNT + "/app/nothing?v=1.0", SUPPORT, Map.of());

        assertError(get, 405, 105);
        assertThat(get.headers().get("allow")).containsExactly("POST, PUT");
        assertError(unknown, 404, 202);
    }

    /** The events of a session: keyed by the session key derived from account and sid. */
    private static List<SessionEvent> eventsOf(String sid) {
        String sessionKey = SESSION_KEYS.derivedKey("liveperson", ACCOUNT, sid);
        List<SessionEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : readSessionEvents()) {
            if (sessionKey.equals(record.key())) {
                events.add(Topics.SESSION_EVENTS.valueSerde().deserializer().deserialize("", record.value()));
            }
        }
        return events;
    }
}
