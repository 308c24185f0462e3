package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.sessionflow.broker.testing.SharedKafkaBroker;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.algoreg.AlgoregCustomerReference;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Algoreg's generate and read contract, over HTTP, through the real event path, with the demo catalog. */
class AlgoregSessionEndToEndTest extends EndToEndTest {

    private static final String PATH = "/algoreg/api/v1/session";
    /** The demo catalog's keys (docs/providers/algoreg.md). */
    private static final String NORTHWIND_KEY = "alg_demo_northwind_4f8c2d9e7a1b6053";

    private static final String GLOBEX_KEY = "alg_demo_globex_9b3e5a7c1d2f4860";
    private static final Map<String, String> NORTHWIND = Map.of("Authorization", "Bearer " + NORTHWIND_KEY);
    private static final Map<String, String> GLOBEX = Map.of("Authorization", "Bearer " + GLOBEX_KEY);
    private static final String UNKNOWN_FIELD_IN_INPUT_DATA =
            "unknown field; input_data accepts firstname, lastname, phone, birthdate, address, zip, country, city";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Response generate(String body) {
        return post(PATH, body, NORTHWIND);
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> all = new HashMap<>(headers);
        all.put(name, value);
        return all;
    }

    // ---- generate -------------------------------------------------------------------------------------

    @Test
    void generatesASessionWithExactlyTheDocumentedShapeAndTheNumericExternalIdAsAString() {
        long before = Instant.now().getEpochSecond();

        Response response = generate("""
                {
                    "scenario_code": "default",
                    "language": "fr-FR",
                    "external_id": 123,
                    "input_data": {
                        "firstname": "Customer firstname",
                        "lastname": "Customer lastname",
                        "phone": "+352521000000",
                        "birthdate": "1990-05-17",
                        "address": "TestAddress",
                        "zip": "TestZip",
                        "country": "TestCountry",
                        "city": "TestCity"
                    }
                }""");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.body();
        assertThat(fieldNames(body)).containsExactly("session_id", "customer_reference", "start_date");
        assertThat(UUID.fromString(body.get("session_id").asString()).toString())
                .isEqualTo(body.get("session_id").asString());
        assertThat(body.get("customer_reference").isString()).isTrue();
        assertThat(body.get("customer_reference").asString()).isEqualTo("123");
        assertThat(body.get("start_date").isIntegralNumber()).isTrue();
        assertThat(body.get("start_date").asLong())
                .isBetween(before, Instant.now().getEpochSecond());
    }

    @Test
    void withoutExternalIdTheSessionIsAnOrphanWithANullCustomerReference() {
        Response response = generate("{\"scenario_code\":\"kyc-light\",\"language\":\"en-GB\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(fieldNames(response.body())).containsExactly("session_id", "customer_reference", "start_date");
        assertThat(response.body().get("customer_reference").isNull()).isTrue();
    }

    @Test
    void aStringExternalIdIsAnsweredAsSent() {
        Response response =
                generate("{\"scenario_code\":\"default\",\"language\":\"en-GB\",\"external_id\":\"C-0042\"}");

        assertThat(response.body().get("customer_reference").asString()).isEqualTo("C-0042");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "scenario_code missing      | {\"language\":\"fr-FR\"}                                                       | scenario_code",
                "language missing           | {\"scenario_code\":\"default\"}                                                | language",
                "language not BCP-47        | {\"scenario_code\":\"default\",\"language\":\"fr_FR\"}                         | language",
                "external_id a boolean      | {\"scenario_code\":\"default\",\"language\":\"fr-FR\",\"external_id\":true}    | external_id",
                "external_id a decimal      | {\"scenario_code\":\"default\",\"language\":\"fr-FR\",\"external_id\":1.5}     | external_id",
                "input_data not an object   | {\"scenario_code\":\"default\",\"language\":\"fr-FR\",\"input_data\":[]}       | input_data",
                "birthdate not a real date  | {\"scenario_code\":\"default\",\"language\":\"fr-FR\",\"input_data\":{\"birthdate\":\"2023-02-30\"}} | input_data.birthdate",
                "birthdate not YYYY-MM-DD   | {\"scenario_code\":\"default\",\"language\":\"fr-FR\",\"input_data\":{\"birthdate\":\"17/05/1990\"}} | input_data.birthdate",
                "firstname too long         | {\"scenario_code\":\"default\",\"language\":\"fr-FR\",\"input_data\":{\"firstname\":\"LONG\"}}       | input_data.firstname",
                "phone not a number         | {\"scenario_code\":\"default\",\"language\":\"fr-FR\",\"input_data\":{\"phone\":\"call me\"}}       | input_data.phone",
                "unknown top-level field    | {\"scenario_code\":\"default\",\"language\":\"fr-FR\",\"extrenal_id\":1}       | extrenal_id",
                "unknown scenario (catalog) | {\"scenario_code\":\"premium\",\"language\":\"fr-FR\"}                         | scenario_code",
                "language not enabled       | {\"scenario_code\":\"kyc-light\",\"language\":\"fr-FR\"}                       | language",
                "another tenant's scenario  | {\"scenario_code\":\"motor-claims\",\"language\":\"en-GB\"}                    | scenario_code",
            })
    void eachValidationRuleAnswers422NamingTheField(String rule, String body, String field) {
        Response response = generate(body.replace("LONG", "x".repeat(101)));

        assertThat(response.status()).as(rule).isEqualTo(422);
        assertError(response, "validation_failed");
        assertThat(detailFields(response)).as(rule).containsExactly(field);
    }

    @Test
    void anUnknownInputDataFieldIsRefusedWithAPreciseReason() {
        Response response = generate("{\"scenario_code\":\"default\",\"language\":\"fr-FR\","
                + "\"input_data\":{\"email\":\"jane@example.com\"}}");

        assertThat(response.status()).isEqualTo(422);
        JsonNode detail = response.body().get("error").get("details").get(0);
        assertThat(detail.get("field").asString()).isEqualTo("input_data.email");
        assertThat(detail.get("message").asString()).isEqualTo(UNKNOWN_FIELD_IN_INPUT_DATA);
    }

    @Test
    void aLanguageNotEnabledNamesTheEnabledOnes() {
        Response response = generate("{\"scenario_code\":\"kyc-light\",\"language\":\"de-DE\"}");

        JsonNode detail = response.body().get("error").get("details").get(0);
        assertThat(detail.get("message").asString())
                .isEqualTo("this language is not enabled in scenario 'kyc-light' (enabled: en-GB)");
    }

    @Test
    void malformedJsonAndAWrongContentTypeAreRefusedInTheSameFormat() {
        Response notJson = generate("{\"scenario_code\": \"default\"\n\"language\": \"fr-FR\"}");
        Response notAnObject = generate("[1]");
        Response wrongType = post(PATH, "scenario_code=default", with(NORTHWIND, "Content-Type", "text/plain"));

        assertThat(notJson.status()).isEqualTo(400);
        assertError(notJson, "invalid_request");
        assertThat(notAnObject.status()).isEqualTo(400);
        assertError(notAnObject, "invalid_request");
        assertThat(wrongType.status()).isEqualTo(415);
        assertError(wrongType, "unsupported_media_type");
    }

    // ---- authentication -------------------------------------------------------------------------------

    @Test
    void withoutCredentialsTheAnswerIs401WithBothChallenges() {
        Response response = post(PATH, "{\"scenario_code\":\"default\",\"language\":\"fr-FR\"}", Map.of());

        assertThat(response.status()).isEqualTo(401);
        assertError(response, "unauthorized");
        assertThat(response.headers().get("www-authenticate"))
                .containsExactly("Bearer realm=\"algoreg\"", "Basic realm=\"algoreg\", charset=\"UTF-8\"");
    }

    @Test
    void aWrongKeyOrBasicWithAnotherTenantIs401AndBasicWithTheKeysTenantWorks() {
        String body = "{\"scenario_code\":\"default\",\"language\":\"en-GB\"}";

        Response wrongKey = post(PATH, body, Map.of("Authorization", "Bearer alg_demo_wrong"));
        Response wrongTenant = post(PATH, body, Map.of("Authorization", basic("globex-insurance", NORTHWIND_KEY)));
        Response basic = post(PATH, body, Map.of("Authorization", basic("northwind-bank", NORTHWIND_KEY)));

        assertThat(wrongKey.status()).isEqualTo(401);
        assertError(wrongKey, "unauthorized");
        assertThat(wrongKey.headers()).containsKey("www-authenticate");
        assertThat(wrongTenant.status()).isEqualTo(401);
        assertThat(wrongTenant.body()).isEqualTo(wrongKey.body());
        assertThat(basic.status()).isEqualTo(200);
    }

    @Test
    void authenticationComesBeforeValidation() {
        Response response = post(PATH, "not json", Map.of("Authorization", "Bearer alg_demo_wrong"));

        assertThat(response.status()).isEqualTo(401);
    }

    // ---- read -----------------------------------------------------------------------------------------

    @Test
    void aGeneratedSessionIsReadBackOpenedWithItsCustomerReference() {
        Response created = generate("{\"scenario_code\":\"default\",\"language\":\"de-DE\",\"external_id\":4711}");
        String sessionId = created.body().get("session_id").asString();

        Response read = get(PATH + "/" + sessionId, NORTHWIND);

        assertThat(read.status()).isEqualTo(200);
        JsonNode body = read.body();
        assertThat(fieldNames(body))
                .containsExactly(
                        "session_id",
                        "customer_reference",
                        "scenario_code",
                        "language",
                        "state",
                        "start_date",
                        "expiry_date");
        assertThat(body.get("session_id").asString()).isEqualTo(sessionId);
        assertThat(body.get("customer_reference").asString()).isEqualTo("4711");
        assertThat(body.get("scenario_code").asString()).isEqualTo("default");
        assertThat(body.get("language").asString()).isEqualTo("de-DE");
        assertThat(body.get("state").asString()).isEqualTo("opened");
        long start = created.body().get("start_date").asLong();
        assertThat(body.get("start_date").asLong()).isEqualTo(start);
        assertThat(body.get("expiry_date").asLong())
                .isEqualTo(start + Duration.ofDays(7).toSeconds());
        assertThat(get(PATH + "/" + sessionId.toUpperCase(), NORTHWIND).body())
                .as("ids are case-insensitive")
                .isEqualTo(body);
    }

    @Test
    void anOrphanSessionIsReadBackWithANullCustomerReference() {
        String sessionId = generate("{\"scenario_code\":\"kyc-light\",\"language\":\"en-gb\"}")
                .body()
                .get("session_id")
                .asString();

        Response read = get(PATH + "/" + sessionId, Map.of("Authorization", basic("northwind-bank", NORTHWIND_KEY)));

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("customer_reference").isNull()).isTrue();
        assertThat(read.body().get("language").asString())
                .as("the scenario's spelling")
                .isEqualTo("en-GB");
    }

    @Test
    void anUnknownIdAndAnotherTenantsSessionAreTheSame404() {
        String sessionId = generate("{\"scenario_code\":\"default\",\"language\":\"fr-FR\",\"external_id\":\"x-1\"}")
                .body()
                .get("session_id")
                .asString();

        Response otherTenant = get(PATH + "/" + sessionId, GLOBEX);
        Response unknown = get(PATH + "/" + UUID.randomUUID(), NORTHWIND);

        assertThat(otherTenant.status()).isEqualTo(404);
        assertError(otherTenant, "session_not_found");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo(otherTenant.body());
    }

    @Test
    void aMalformedIdIs400AndAReadWithoutCredentialsIs401() {
        Response malformed = get(PATH + "/not-a-uuid", NORTHWIND);
        Response anonymous = get(PATH + "/" + UUID.randomUUID(), Map.of());

        assertThat(malformed.status()).isEqualTo(400);
        assertError(malformed, "invalid_request");
        assertThat(detailFields(malformed)).containsExactly("session_id");
        assertThat(anonymous.status()).isEqualTo(401);
        assertError(anonymous, "unauthorized");
    }

    // ---- idempotency ----------------------------------------------------------------------------------

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheSameSessionAndAnotherBodyIsAConflict() {
        String body = "{\"scenario_code\":\"default\",\"language\":\"en-GB\",\"external_id\":77}";
        String key = "retry-" + UUID.randomUUID();

        Response first = post(PATH, body, with(NORTHWIND, "Idempotency-Key", key));
        Response second = post(PATH, body, with(NORTHWIND, "Idempotency-Key", key));
        Response otherBody = post(PATH, body.replace("77", "78"), with(NORTHWIND, "Idempotency-Key", key));
        Response otherTenant = post(PATH, body, with(GLOBEX, "Idempotency-Key", key));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(otherBody.status()).isEqualTo(422);
        assertError(otherBody, "idempotency_key_reused");
        assertThat(detailFields(otherBody)).containsExactly("Idempotency-Key");
        assertThat(otherTenant.status()).isEqualTo(200);
        assertThat(otherTenant.body().get("session_id"))
                .as("keys are per tenant")
                .isNotEqualTo(first.body().get("session_id"));
        awaitAllRequestsDecided();
        assertThat(get(PATH + "/" + first.body().get("session_id").asString(), NORTHWIND)
                        .body()
                        .get("customer_reference")
                        .asString())
                .as("the conflicting body changed nothing")
                .isEqualTo("77");
        String sessionKey = SESSION_KEYS.derivedKey("algoreg", "northwind-bank", key);
        assertThat(sessionEventsOf(sessionKey))
                .extracting(e -> e.getPayload().getClass().getSimpleName())
                .as("the retry and the conflicting body decided nothing more")
                .containsExactly("SessionCreated");
    }

    @Test
    void aBlankIdempotencyKeyIsAnInvalidRequest() {
        Response response = post(
                PATH,
                "{\"scenario_code\":\"default\",\"language\":\"en-GB\"}",
                with(NORTHWIND, "Idempotency-Key", " "));

        assertThat(response.status()).isEqualTo(400);
        assertError(response, "invalid_request");
    }

    // ---- personal data --------------------------------------------------------------------------------

    @Test
    void noPersonalDataOfTheRequestReachesSessionEventsAndOnlyTheReferenceIsKept() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String externalId = "cust-" + unique;
        List<String> personal = List.of(
                externalId,
                "Jane" + unique,
                "Doe" + unique,
                "+35252" + unique.replaceAll("[^0-9]", "1"),
                "Rue Haute " + unique,
                "L-" + unique,
                "Lux" + unique,
                "Esch" + unique);
        Response response = generate("{\"scenario_code\":\"default\",\"language\":\"fr-FR\",\"external_id\":\""
                + externalId + "\",\"input_data\":{\"firstname\":\"" + personal.get(1) + "\",\"lastname\":\""
                + personal.get(2) + "\",\"phone\":\"" + personal.get(3) + "\",\"birthdate\":\"1987-11-23\","
                + "\"address\":\"" + personal.get(4) + "\",\"zip\":\"" + personal.get(5) + "\",\"country\":\""
                + personal.get(6) + "\",\"city\":\"" + personal.get(7) + "\"}}");
        assertThat(response.status()).isEqualTo(200);
        String sessionId = response.body().get("session_id").asString();
        awaitAllRequestsDecided();

        List<SessionEvent> created = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : readAll(Topics.SESSION_EVENTS.name())) {
            String raw = new String(record.value(), StandardCharsets.ISO_8859_1);
            for (String value : personal) {
                assertThat(raw).doesNotContain(value);
            }
            assertThat(raw).doesNotContain("1987-11-23");
            SessionEvent event =
                    Topics.SESSION_EVENTS.valueSerde().deserializer().deserialize("", record.value());
            if (event.getPayload() instanceof SessionCreated c
                    && c.getSessionId().equals(sessionId)) {
                created.add(event);
            }
        }
        assertThat(created)
                .singleElement()
                .satisfies(e -> assertThat(e.getTenantId()).isEqualTo("northwind-bank"));

        List<AlgoregCustomerReference> kept = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : readAll(Topics.ALGOREG_CUSTOMER_REFERENCES.name())) {
            String raw = new String(record.value(), StandardCharsets.ISO_8859_1);
            for (String value : personal.subList(1, personal.size())) {
                assertThat(raw).as("input_data is not kept").doesNotContain(value);
            }
            if (record.key().equals(sessionId)) {
                kept.add(Topics.ALGOREG_CUSTOMER_REFERENCES
                        .valueSerde()
                        .deserializer()
                        .deserialize("", record.value()));
            }
        }
        assertThat(kept).singleElement().satisfies(reference -> {
            assertThat(reference.getCustomerReference()).isEqualTo(externalId);
            assertThat(reference.getTenantId()).isEqualTo("northwind-bank");
        });
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private static void assertError(Response response, String code) {
        assertThat(fieldNames(response.body())).containsExactly("error");
        JsonNode error = response.body().get("error");
        assertThat(fieldNames(error)).containsExactly("code", "message", "details");
        assertThat(error.get("code").asString()).isEqualTo(code);
        assertThat(error.get("message").asString()).isNotBlank();
        assertThat(error.get("details").isArray()).isTrue();
        error.get("details").forEach(detail -> assertThat(fieldNames(detail)).containsExactly("field", "message"));
    }

    private static List<String> detailFields(Response response) {
        List<String> fields = new ArrayList<>();
        response.body()
                .get("error")
                .get("details")
                .forEach(detail -> fields.add(detail.get("field").asString()));
        return fields;
    }

    private static String basic(String tenantId, String apiKey) {
        return "Basic "
                + Base64.getEncoder().encodeToString((tenantId + ":" + apiKey).getBytes(StandardCharsets.UTF_8));
    }

    /** Every committed record of a topic written so far, open transactions waited out; fails rather than return part. */
    private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        return TopicReader.read(SharedKafkaBroker.bootstrapServers(), topic, "read_committed", Duration.ofSeconds(20));
    }
}
