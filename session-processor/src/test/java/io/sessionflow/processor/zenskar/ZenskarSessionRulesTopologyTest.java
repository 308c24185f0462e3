package io.sessionflow.processor.zenskar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import io.sessionflow.processor.SessionRules;
import io.sessionflow.processor.SessionRulesTopologyTest;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.events.Provider;
import io.sessionflow.schemas.events.RejectionReason;
import io.sessionflow.schemas.events.SessionActivity;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionEventKind;
import io.sessionflow.schemas.events.SessionExpired;
import io.sessionflow.schemas.events.SessionExtended;
import io.sessionflow.schemas.events.SessionRejected;
import io.sessionflow.schemas.events.SessionResumed;
import io.sessionflow.schemas.zenskar.ZenskarCatalogKeys;
import io.sessionflow.schemas.zenskar.ZenskarCustomer;
import io.sessionflow.schemas.zenskar.ZenskarOrganisation;
import io.sessionflow.schemas.zenskar.ZenskarSessionDetails;
import io.sessionflow.schemas.zenskar.ZenskarSessionRequested;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Zenskar's rules through the real processor topology, with a fixed clock and counted ids. */
class ZenskarSessionRulesTopologyTest extends SessionRulesTopologyTest<ZenskarSessionRequested> {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.250Z");
    private static final Instant CREATED = Instant.parse("2026-03-01T12:00:00Z");
    private static final String ACME = "3f2a9c4e-8b1d-4e6f-a7c2-5d9e0b1f4a36";
    private static final String GLOBEX = "9d4b2e71-6c3a-4f08-b5e1-2a7c9f0d8e14";
    private static final String ALICE = "b7e4c1a2-5f3d-4a8b-9c6e-1d2f3a4b5c6d";
    private static final String BOB = "c2d9e8f7-1a2b-4c3d-8e4f-5a6b7c8d9e0f";
    private static final String GLOBEX_CUSTOMER = "e5f6a7b8-c9d0-4e1f-a2b3-c4d5e6f7a8b9";
    private static final String ACME_PORTAL = "https://portal.acme-billing.example";

    ZenskarSessionRulesTopologyTest() {
        super(NOW);
    }

    @Override
    protected SessionRules<ZenskarSessionRequested> rules(Supplier<UUID> ids) {
        return new ZenskarSessionRules(ids);
    }

    @Override
    protected ZenskarSessionRequested accepted(String sessionKey) {
        return request(sessionKey, "r-" + sessionKey, ACME, ALICE, false, 900);
    }

    @Override
    protected List<ZenskarSessionRequested> rejected() {
        return List.of(
                request("organisation", null, "00000000-0000-4000-8000-00000000000a", null, true, 3600),
                request("customer", "r1", ACME, GLOBEX_CUSTOMER, false, 3600));
    }

    @BeforeEach
    void setUp() {
        putCatalog(
                ZenskarCatalogKeys.organisation(ACME),
                ZenskarOrganisation.newBuilder()
                        .setOrganisationId(ACME)
                        .setName("Acme Billing")
                        .setPortalUrl(ACME_PORTAL)
                        .build());
        putCatalog(
                ZenskarCatalogKeys.organisation(GLOBEX),
                ZenskarOrganisation.newBuilder()
                        .setOrganisationId(GLOBEX)
                        .setName("Globex")
                        .setPortalUrl("https://billing.globex.example")
                        .build());
        putCatalog(ZenskarCatalogKeys.customer(ALICE), customer(ALICE, ACME));
        putCatalog(ZenskarCatalogKeys.customer(BOB), customer(BOB, ACME));
        putCatalog(ZenskarCatalogKeys.customer(GLOBEX_CUSTOMER), customer(GLOBEX_CUSTOMER, GLOBEX));
    }

    @Test
    void aCustomerOfTheOrganisationGetsASessionThatExpiresAfterItsIdleTimeout() {
        send(request("k1", null, ACME, ALICE, false, 900));

        SessionEvent event = events.readValue();
        assertThat(event.getSessionKey()).isEqualTo("k1");
        assertThat(event.getProvider()).isEqualTo(Provider.ZENSKAR);
        assertThat(event.getTenantId()).isEqualTo(ACME);
        assertThat(event.getOccurredAt()).isEqualTo(NOW);
        assertThat(event.getEventId()).isEqualTo(new UUID(0, 1).toString());
        SessionCreated created = (SessionCreated) event.getPayload();
        assertThat(created.getSessionId()).isEqualTo(new UUID(0, 2).toString());
        assertThat(created.getCreatedAt()).isEqualTo(CREATED);
        assertThat(created.getExpiresAt()).isEqualTo(CREATED.plusSeconds(900));
        assertThat(created.getDetails())
                .isEqualTo(ZenskarSessionDetails.newBuilder()
                        .setCustomerId(ALICE)
                        .setIsGuestSession(false)
                        .setIdleTimeoutSeconds(900)
                        .setPortalUrl(ACME_PORTAL)
                        .build());
        assertThat(events.isEmpty()).as("the answer is the one event").isTrue();
    }

    @Test
    void aGuestSessionHasNoCustomer() {
        send(request("k1", null, ACME, null, true, 3600));

        SessionCreated created = (SessionCreated) events.readValue().getPayload();
        ZenskarSessionDetails details = (ZenskarSessionDetails) created.getDetails();
        assertThat(details.getIsGuestSession()).isTrue();
        assertThat(details.getCustomerId()).isNull();
        assertThat(created.getExpiresAt()).isEqualTo(CREATED.plusSeconds(3600));
    }

    @Test
    void anUnknownCustomerIsA422OnCustomerId() {
        send(request("k1", null, ACME, "00000000-0000-4000-8000-000000000000", false, 3600));

        SessionEvent event = events.readValue();
        assertThat(event.getTenantId()).isEqualTo(ACME);
        assertCustomerNotFound((SessionRejected) event.getPayload());
        assertThat(state("k1")).isNull();
    }

    @Test
    void aCustomerOfAnotherOrganisationIsRefusedExactlyLikeAnUnknownOne() {
        send(request("k1", null, ACME, GLOBEX_CUSTOMER, false, 3600));

        assertCustomerNotFound((SessionRejected) events.readValue().getPayload());
    }

    @Test
    void aRemovedCustomerCanNoLongerOpenSessions() {
        catalog.pipeInput(ZenskarCatalogKeys.customer(ALICE), null);

        send(request("k1", null, ACME, ALICE, false, 3600));

        assertCustomerNotFound((SessionRejected) events.readValue().getPayload());
    }

    @Test
    void anOrganisationMissingFromTheCatalogIsDenied() {
        catalog.pipeInput(ZenskarCatalogKeys.organisation(ACME), null);

        send(request("k1", null, ACME, null, true, 3600));

        SessionRejected rejected = (SessionRejected) events.readValue().getPayload();
        assertThat(rejected.getCode()).isEqualTo("organisation_not_found");
        assertThat(rejected.getHttpStatus()).isEqualTo(403);
        assertThat(rejected.getMessage())
                .isEqualTo("User is not authorized to access this resource with an explicit deny");
    }

    @Test
    void theSameSessionKeyResumesTheSameSession() {
        send(request("k1", "r1", ACME, ALICE, false, 900));
        SessionCreated created = (SessionCreated) events.readValue().getPayload();
        driver.advanceWallClockTime(Duration.ofMinutes(5));

        send(request("k1", "r2", ACME, ALICE, false, 60));

        SessionEvent event = events.readValue();
        assertThat(event.getRequestKey()).isEqualTo("r2");
        assertThat(event.getTenantId()).isEqualTo(ACME);
        SessionResumed resumed = (SessionResumed) event.getPayload();
        assertThat(resumed.getSessionId()).isEqualTo(created.getSessionId());
        assertThat(resumed.getCreatedAt()).isEqualTo(created.getCreatedAt());
        assertThat(resumed.getExpiresAt())
                .as("a use: its own idle timeout (900 s) counts again from now")
                .isEqualTo(CREATED.plus(Duration.ofMinutes(5)).plusSeconds(900));
        assertThat(resumed.getDetails()).isEqualTo(created.getDetails());
        assertThat(events.isEmpty()).isTrue();
    }

    @Test
    void eventsWithAlikeFieldsCarryTheKindThatTellsThemApart() {
        send(request("k1", "r1", ACME, ALICE, false, 60));
        send(request("k1", "r2", ACME, ALICE, false, 60));
        driver.advanceWallClockTime(Duration.ofSeconds(40));
        driver.createInputTopic(
                        Topics.SESSION_ACTIVITY.name(),
                        Topics.SESSION_ACTIVITY.keySerde().serializer(),
                        Topics.SESSION_ACTIVITY.valueSerde().serializer())
                .pipeInput(
                        "k1",
                        SessionActivity.newBuilder()
                                .setSessionKey("k1")
                                .setOccurredAt(CREATED)
                                .build());
        driver.advanceWallClockTime(Duration.ofMinutes(5));

        assertThat(events.readValuesToList())
                .extracting(SessionEvent::getKind)
                .containsExactly(
                        SessionEventKind.SESSION_CREATED, SessionEventKind.SESSION_RESUMED,
                        SessionEventKind.SESSION_EXTENDED, SessionEventKind.SESSION_EXPIRED);
    }

    @Test
    void activityExtendsAnIdleSessionSoItExpiresIdleTimeoutAfterItsLastUse() {
        send(request("k1", "r1", ACME, ALICE, false, 60));
        events.readValue();
        TestInputTopic<String, SessionActivity> activity = driver.createInputTopic(
                Topics.SESSION_ACTIVITY.name(),
                Topics.SESSION_ACTIVITY.keySerde().serializer(),
                Topics.SESSION_ACTIVITY.valueSerde().serializer());

        driver.advanceWallClockTime(Duration.ofSeconds(40));
        activity.pipeInput(
                "k1",
                SessionActivity.newBuilder()
                        .setSessionKey("k1")
                        .setOccurredAt(CREATED)
                        .build());
        SessionExtended extended = (SessionExtended) events.readValue().getPayload();
        assertThat(extended.getExpiresAt()).isEqualTo(CREATED.plusSeconds(100));

        driver.advanceWallClockTime(Duration.ofSeconds(30));
        assertThat(events.isEmpty())
                .as("not expired at its first idle deadline")
                .isTrue();
        driver.advanceWallClockTime(Duration.ofSeconds(30));
        assertThat(((SessionExpired) events.readValue().getPayload()).getExpiresAt())
                .isEqualTo(CREATED.plusSeconds(100));

        activity.pipeInput(
                "k1",
                SessionActivity.newBuilder()
                        .setSessionKey("k1")
                        .setOccurredAt(CREATED)
                        .build());
        activity.pipeInput(
                "nobody",
                SessionActivity.newBuilder()
                        .setSessionKey("nobody")
                        .setOccurredAt(CREATED)
                        .build());
        assertThat(events.isEmpty())
                .as("activity on expired or unknown sessions changes nothing")
                .isTrue();
    }

    @Test
    void aGuestSessionKeyResumesTheGuestSession() {
        send(request("k1", "r1", ACME, null, true, 3600));
        SessionCreated created = (SessionCreated) events.readValue().getPayload();

        send(request("k1", "r2", ACME, null, true, 3600));
        send(request("k1", "r3", ACME, null, true, 3600));

        List<SessionEvent> answers = events.readValuesToList();
        assertThat(answers)
                .hasSize(2)
                .allSatisfy(e -> assertThat(((SessionResumed) e.getPayload()).getSessionId())
                        .isEqualTo(created.getSessionId()));
    }

    @Test
    void aSessionKeyOfAnotherCustomersLiveSessionIsRefused() {
        send(request("k1", "r1", ACME, ALICE, false, 3600));
        events.readValue();

        send(request("k1", "r2", ACME, BOB, false, 3600));
        send(request("k1", "r3", ACME, null, true, 3600));

        String another = "Value error, session_key is already used by a session of another customer";
        assertSessionKeyInUse(events.readValue(), another);
        assertSessionKeyInUse(events.readValue(), another);
    }

    @Test
    void aCustomerCannotTakeOverAGuestSessionKey() {
        send(request("k1", "r1", ACME, null, true, 3600));
        events.readValue();

        send(request("k1", "r2", ACME, ALICE, false, 3600));

        assertSessionKeyInUse(events.readValue(), "Value error, session_key is already used by a guest session");
    }

    @Test
    void anExpiredSessionIsNotResumedButReplacedByANewOne() {
        send(request("k1", "r1", ACME, ALICE, false, 60));
        SessionCreated first = (SessionCreated) events.readValue().getPayload();
        driver.advanceWallClockTime(Duration.ofSeconds(60));
        assertThat(events.readValue().getPayload())
                .as("the expiry punctuator ended it")
                .isInstanceOf(SessionExpired.class);

        send(request("k1", "r2", ACME, BOB, false, 120));

        SessionCreated second = (SessionCreated) events.readValue().getPayload();
        assertThat(second.getSessionId()).isNotEqualTo(first.getSessionId());
        assertThat(((ZenskarSessionDetails) second.getDetails()).getCustomerId())
                .isEqualTo(BOB);
        assertThat(second.getExpiresAt()).isEqualTo(CREATED.plusSeconds(60 + 120));
    }

    private static void assertCustomerNotFound(SessionRejected rejected) {
        assertThat(rejected.getCode()).isEqualTo("customer_not_found");
        assertThat(rejected.getHttpStatus()).isEqualTo(422);
        assertThat(rejected.getReasons()).singleElement().satisfies(reason -> {
            assertThat(reason.getField()).isEqualTo("customer_id");
            assertThat(reason.getMessage())
                    .isEqualTo("Value error, no customer with this id exists in the organisation");
        });
    }

    private static void assertSessionKeyInUse(SessionEvent event, String message) {
        SessionRejected rejected = (SessionRejected) event.getPayload();
        assertThat(rejected.getCode()).isEqualTo("session_key_in_use");
        assertThat(rejected.getHttpStatus()).isEqualTo(422);
        assertThat(rejected.getReasons())
                .extracting(RejectionReason::getField, RejectionReason::getMessage)
                .containsExactly(tuple("session_key", message));
    }

    private static ZenskarCustomer customer(String customerId, String organisationId) {
        return ZenskarCustomer.newBuilder()
                .setCustomerId(customerId)
                .setOrganisationId(organisationId)
                .build();
    }

    private static ZenskarSessionRequested request(
            String sessionKey,
            String requestKey,
            String organisationId,
            String customerId,
            boolean guest,
            int idleTimeout) {
        return ZenskarSessionRequested.newBuilder()
                .setSessionKey(sessionKey)
                .setRequestKey(requestKey)
                .setRequestedAt(NOW)
                .setRequestFingerprint("fp-" + sessionKey)
                .setOrganisationId(organisationId)
                .setCustomerId(customerId)
                .setIsGuestSession(guest)
                .setIdleTimeoutSeconds(idleTimeout)
                .build();
    }
}
