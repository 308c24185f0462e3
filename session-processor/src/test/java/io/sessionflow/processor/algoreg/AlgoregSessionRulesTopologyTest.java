package io.sessionflow.processor.algoreg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import io.sessionflow.processor.SessionRules;
import io.sessionflow.processor.SessionRulesTopologyTest;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.algoreg.AlgoregCatalogKeys;
import io.sessionflow.schemas.algoreg.AlgoregCustomerReference;
import io.sessionflow.schemas.algoreg.AlgoregInputData;
import io.sessionflow.schemas.algoreg.AlgoregScenario;
import io.sessionflow.schemas.algoreg.AlgoregSessionDetails;
import io.sessionflow.schemas.algoreg.AlgoregSessionRequested;
import io.sessionflow.schemas.algoreg.AlgoregTenant;
import io.sessionflow.schemas.events.Provider;
import io.sessionflow.schemas.events.RejectionReason;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionExpired;
import io.sessionflow.schemas.events.SessionRejected;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Algoreg's rules in the real processor topology, with a fixed clock and fixed ids. */
class AlgoregSessionRulesTopologyTest extends SessionRulesTopologyTest<AlgoregSessionRequested> {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.750Z");
    private static final Instant STARTED = Instant.parse("2026-03-01T12:00:00Z");
    private static final String SESSION_KEY = "0195a0c4-1111-7000-8000-000000000001";

    private TestOutputTopic<String, AlgoregCustomerReference> references;

    AlgoregSessionRulesTopologyTest() {
        super(NOW);
    }

    @Override
    protected SessionRules<AlgoregSessionRequested> rules(Supplier<UUID> ids) {
        return new AlgoregSessionRules(Duration.ofDays(7), ids);
    }

    @Override
    protected AlgoregSessionRequested accepted(String sessionKey) {
        return request(sessionKey, "northwind", "default", "fr-FR", "123");
    }

    @Override
    protected List<AlgoregSessionRequested> rejected() {
        return List.of(
                request("scenario", "northwind", "premium", "fr-FR", "123"),
                request("language", "northwind", "kyc-light", "fr-FR", "123"));
    }

    @BeforeEach
    void setUp() {
        references = fixture.output(Topics.ALGOREG_CUSTOMER_REFERENCES);

        putCatalog(
                AlgoregCatalogKeys.tenant("northwind"),
                tenant("northwind", scenario("default", "fr-FR", "en-GB", "de-DE"), scenario("kyc-light", "en-GB")));
        putCatalog(AlgoregCatalogKeys.tenant("globex"), tenant("globex", scenario("globex-only", "en-GB")));
    }

    @Test
    void createsASessionWhoseIdIsTheSessionKeyStartingNowAndLivingTheConfiguredTime() {
        send(request("northwind", "default", "fr-FR", "123"));

        SessionEvent event = events.readValue();
        assertThat(event.getEventId()).isEqualTo(new UUID(0, 1).toString());
        assertThat(event.getSessionKey()).isEqualTo(SESSION_KEY);
        assertThat(event.getProvider()).isEqualTo(Provider.ALGOREG);
        assertThat(event.getTenantId()).isEqualTo("northwind");
        assertThat(event.getOccurredAt()).isEqualTo(NOW);
        assertThat(event.getRequestKey()).isEqualTo(SESSION_KEY);
        assertThat(event.getRequestFingerprint()).isEqualTo("fp-" + SESSION_KEY);
        SessionCreated created = (SessionCreated) event.getPayload();
        assertThat(created.getSessionId()).isEqualTo(SESSION_KEY);
        assertThat(created.getCreatedAt()).isEqualTo(STARTED);
        assertThat(created.getExpiresAt()).isEqualTo(STARTED.plus(Duration.ofDays(7)));
        assertThat(created.getDetails())
                .isEqualTo(AlgoregSessionDetails.newBuilder()
                        .setScenarioCode("default")
                        .setLanguage("fr-FR")
                        .setOrphan(false)
                        .build());
        assertThat(events.isEmpty()).isTrue();
    }

    @Test
    void theCustomerReferenceGoesToItsRestrictedTopicAndNotIntoTheEvent() {
        send(request("northwind", "default", "fr-FR", "cust-4711"));

        byte[] raw = driver.createOutputTopic(
                        Topics.SESSION_EVENTS.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readValue();
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        assertThat(text)
                .doesNotContain("cust-4711")
                .doesNotContain("Jane")
                .doesNotContain("Doe")
                .doesNotContain("+352521000000")
                .doesNotContain("1990-05-17")
                .doesNotContain("Rue Haute")
                .doesNotContain("L-1234")
                .doesNotContain("Luxembourg");
        var reference = references.readKeyValue();
        assertThat(reference.key).isEqualTo(SESSION_KEY);
        assertThat(reference.value)
                .isEqualTo(AlgoregCustomerReference.newBuilder()
                        .setSessionKey(SESSION_KEY)
                        .setTenantId("northwind")
                        .setCustomerReference("cust-4711")
                        .setCreatedAt(STARTED)
                        .setExpiresAt(STARTED.plus(Duration.ofDays(7)))
                        .build());
        assertThat(references.isEmpty()).isTrue();
    }

    @Test
    void whenTheSessionExpiresItsCustomerReferenceIsErased() {
        send(request("northwind", "default", "fr-FR", "cust-4711"));
        events.readValue();
        references.readKeyValue();

        driver.advanceWallClockTime(Duration.ofDays(7));

        assertThat(events.readValue().getPayload()).isInstanceOf(SessionExpired.class);
        var tombstone = references.readKeyValue();
        assertThat(tombstone.key).isEqualTo(SESSION_KEY);
        assertThat(tombstone.value).isNull();
    }

    @Test
    void withoutExternalIdTheSessionIsAnOrphanAndNothingIsKept() {
        send(request("northwind", "kyc-light", "en-GB", null));

        SessionCreated created = (SessionCreated) events.readValue().getPayload();
        assertThat(((AlgoregSessionDetails) created.getDetails()).getOrphan()).isTrue();
        assertThat(references.isEmpty()).isTrue();
    }

    @Test
    void theLanguageMatchesCaseInsensitivelyAndIsAnsweredInTheScenariosSpelling() {
        send(request("northwind", "default", "DE-de", null));

        SessionCreated created = (SessionCreated) events.readValue().getPayload();
        assertThat(((AlgoregSessionDetails) created.getDetails()).getLanguage()).isEqualTo("de-DE");
    }

    @Test
    void anUnknownScenarioIsRejectedOnScenarioCode() {
        send(request("northwind", "premium", "fr-FR", "123"));

        SessionEvent event = events.readValue();
        assertThat(event.getTenantId()).isEqualTo("northwind");
        assertRejected(event, "scenario_code", "no such scenario exists for this account");
        assertThat(references.isEmpty()).as("no session, nothing kept").isTrue();
    }

    @Test
    void anotherTenantsScenarioIsUnknown() {
        send(request("northwind", "globex-only", "en-GB", null));

        assertRejected(events.readValue(), "scenario_code", "no such scenario exists for this account");
    }

    @Test
    void aTenantMissingFromTheCatalogHasNoScenarios() {
        send(request("initech", "default", "fr-FR", null));

        assertRejected(events.readValue(), "scenario_code", "no such scenario exists for this account");
    }

    @Test
    void aLanguageNotEnabledInTheScenarioIsRejectedOnLanguage() {
        send(request("northwind", "kyc-light", "fr-FR", "123"));

        assertRejected(
                events.readValue(),
                "language",
                "this language is not enabled in scenario 'kyc-light' (enabled: en-GB)");
        assertThat(references.isEmpty()).isTrue();
    }

    @Test
    void catalogChangesApplyToTheNextRequest() {
        putCatalog(AlgoregCatalogKeys.tenant("northwind"), tenant("northwind", scenario("default", "en-GB")));

        send(request("northwind", "default", "fr-FR", null));

        assertRejected(
                events.readValue(), "language", "this language is not enabled in scenario 'default' (enabled: en-GB)");
    }

    @Test
    void aReplayedRequestMakesNoSecondSessionAndKeepsNothingAgain() {
        send(request("northwind", "default", "fr-FR", "123"));
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        send(request("northwind", "default", "fr-FR", "456"));

        assertThat(events.readKeyValuesToList()).hasSize(1);
        assertThat(references.readValuesToList())
                .extracting(AlgoregCustomerReference::getCustomerReference)
                .containsExactly("123");
    }

    private static void assertRejected(SessionEvent event, String field, String reason) {
        SessionRejected rejected = (SessionRejected) event.getPayload();
        assertThat(rejected.getCode()).isEqualTo("validation_failed");
        assertThat(rejected.getHttpStatus()).isEqualTo(422);
        assertThat(rejected.getReasons())
                .containsExactly(RejectionReason.newBuilder()
                        .setField(field)
                        .setMessage(reason)
                        .build());
    }

    private static AlgoregSessionRequested request(
            String tenantId, String scenario, String language, String externalId) {
        return request(SESSION_KEY, tenantId, scenario, language, externalId);
    }

    private static AlgoregSessionRequested request(
            String sessionKey, String tenantId, String scenario, String language, String externalId) {
        return AlgoregSessionRequested.newBuilder()
                .setSessionKey(sessionKey)
                .setRequestKey(sessionKey)
                .setRequestedAt(NOW)
                .setRequestFingerprint("fp-" + sessionKey)
                .setTenantId(tenantId)
                .setScenarioCode(scenario)
                .setLanguage(language)
                .setExternalId(externalId)
                .setInputData(AlgoregInputData.newBuilder()
                        .setFirstname("Jane")
                        .setLastname("Doe")
                        .setPhone("+352521000000")
                        .setBirthdate("1990-05-17")
                        .setAddress("12 Rue Haute")
                        .setZip("L-1234")
                        .setCountry("Luxembourg")
                        .setCity("Luxembourg")
                        .build())
                .build();
    }

    private static AlgoregTenant tenant(String id, AlgoregScenario... scenarios) {
        return AlgoregTenant.newBuilder()
                .setTenantId(id)
                .setName(id)
                .setScenarios(List.of(scenarios))
                .build();
    }

    private static AlgoregScenario scenario(String code, String... languages) {
        return AlgoregScenario.newBuilder()
                .setCode(code)
                .setName(code)
                .setLanguages(List.of(languages))
                .build();
    }
}
