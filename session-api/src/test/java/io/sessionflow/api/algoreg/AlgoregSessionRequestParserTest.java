package io.sessionflow.api.algoreg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import io.sessionflow.api.ParsedAssertions;
import io.sessionflow.api.algoreg.AlgoregSessionRequest.InputData;
import io.sessionflow.api.algoreg.AlgoregSessionRequestParser.Invalid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class AlgoregSessionRequestParserTest {

    /** 12:00 UTC on 1 March 2026: already 2 March in UTC+14. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    private static final String REQUIRED = "is required";
    private static final String NOT_A_STRING = "must be a string";
    private static final String NOT_BLANK = "must not be blank (omit the field or send null instead)";
    private static final String SCENARIO_RULE = "must be 1 to 64 characters, each a letter, digit, '_', '.' or '-'";
    private static final String BCP47 = "must be a well-formed BCP-47 language tag, such as fr-FR";
    private static final String EXTERNAL_ID_TYPE = "must be a string or an integer";
    private static final String NO_BODY = "Request body is required and must be a JSON object";
    private static final String NOT_JSON = "Request body is not valid JSON";

    private final AlgoregSessionRequestParser parser =
            new AlgoregSessionRequestParser(JsonMapper.builder().build(), CLOCK);

    // ---- helpers ------------------------------------------------------------------------------------

    private AlgoregSessionRequest valid(String body) {
        return ParsedAssertions.valid(parser.parse(body.getBytes(StandardCharsets.UTF_8)), body);
    }

    private Invalid invalid(String body) {
        return ParsedAssertions.invalid(parser.parse(body.getBytes(StandardCharsets.UTF_8)), Invalid.class, body);
    }

    /** Asserts a 422 validation_failed naming exactly these fields, in this order, with these reasons. */
    private void assertValidationFailed(String body, String... pathsAndReasons) {
        Invalid invalid = invalid(body);
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndReasons.length; i += 2) {
            details.put(pathsAndReasons[i], pathsAndReasons[i + 1]);
        }
        assertThat(invalid.status()).as(body).isEqualTo(422);
        assertThat(invalid.code()).isEqualTo("validation_failed");
        assertThat(invalid.details()).as(body).containsExactlyEntriesOf(details);
        assertThat(invalid.message())
                .isEqualTo("Request validation failed: " + details.size()
                        + (details.size() == 1 ? " field is invalid" : " fields are invalid"));
    }

    private void assertInvalidRequest(String body, String message) {
        Invalid invalid = invalid(body);
        assertThat(invalid.status()).as(body).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("invalid_request");
        assertThat(invalid.message()).as(body).startsWith(message);
    }

    private static String withRequired(String fields) {
        return "{\"scenario_code\":\"default\",\"language\":\"fr-FR\"" + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    private static String withInputData(String inputData) {
        return withRequired("\"input_data\":" + inputData);
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    // ---- valid requests -----------------------------------------------------------------------------

    @Test
    void theDocumentedExampleIsParsedWithTheNumericExternalIdAsText() {
        AlgoregSessionRequest request = valid("""
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

        assertThat(request)
                .isEqualTo(new AlgoregSessionRequest(
                        "default",
                        "fr-FR",
                        "123",
                        new InputData(
                                "Customer firstname",
                                "Customer lastname",
                                "+352521000000",
                                "1990-05-17",
                                "TestAddress",
                                "TestZip",
                                "TestCountry",
                                "TestCity")));
    }

    @Test
    void onlyScenarioAndLanguageAreRequiredAndWithoutExternalIdTheSessionIsAnOrphan() {
        assertThat(valid(withRequired(""))).isEqualTo(new AlgoregSessionRequest("default", "fr-FR", null, null));
        assertThat(valid(withRequired("\"external_id\":null,\"input_data\":null"))
                        .externalId())
                .isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\"cust-42\"                          | cust-42",
                "123                                  | 123",
                "0                                    | 0",
                "-7                                   | -7",
                "123456789012345678901234567890       | 123456789012345678901234567890",
                "\"  padded  \"                       | '  padded  '",
            })
    void externalIdIsAStringOrAnIntegerAnsweredAsItsExactDecimalText(String json, String expected) {
        assertThat(valid(withRequired("\"external_id\":" + json)).externalId()).isEqualTo(expected);
    }

    @Test
    void anEmptyOrAllNullInputDataIsNoInputData() {
        assertThat(valid(withInputData("{}")).inputData()).isNull();
        assertThat(valid(withInputData("{\"firstname\":null,\"city\":null}")).inputData())
                .isNull();
        assertThat(valid(withInputData("{\"firstname\":\"Jane\",\"city\":null}"))
                        .inputData())
                .isEqualTo(new InputData("Jane", null, null, null, null, null, null, null));
    }

    @Test
    void limitsAreInclusiveAndCountCharactersNotBytes() {
        String name = "é".repeat(100);
        AlgoregSessionRequest request = valid("{\"scenario_code\":\"" + "x".repeat(64) + "\",\"language\":\"fr-FR\","
                + "\"external_id\":\"" + "€".repeat(255) + "\",\"input_data\":{\"firstname\":\"" + name
                + "\",\"lastname\":\"" + name + "\",\"phone\":\"" + "1".repeat(32) + "\",\"address\":\""
                + "a".repeat(255) + "\",\"zip\":\"" + "9".repeat(20) + "\",\"country\":\"" + "c".repeat(100)
                + "\",\"city\":\"" + "😀".repeat(100) + "\"}}");

        assertThat(request.scenarioCode()).hasSize(64);
        assertThat(request.externalId()).hasSize(255);
        assertThat(request.inputData().city()).hasSize(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fr-FR", "en-GB", "de", "fr-fr", "zh-Hant-TW", "sr-Latn-RS"})
    void wellFormedLanguageTagsAreAcceptedAsSent(String tag) {
        assertThat(valid("{\"scenario_code\":\"default\",\"language\":\"" + tag + "\"}")
                        .language())
                .isEqualTo(tag);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+352521000000", "+44 (0)20 7946 0958", "0621.23.45.67", "555-0100"})
    void phoneNumbersInCommonNotationsAreAccepted(String phone) {
        assertThat(valid(withInputData("{\"phone\":\"" + phone + "\"}"))
                        .inputData()
                        .phone())
                .isEqualTo(phone);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1990-05-17", "2024-02-29", "1900-01-01", "2026-03-01", "2026-03-02"})
    void realDatesUpToTodayAnywhereAreAcceptedBirthdates(String date) {
        assertThat(valid(withInputData("{\"birthdate\":\"" + date + "\"}"))
                        .inputData()
                        .birthdate())
                .isEqualTo(date);
    }

    @Test
    void anAddressMayHoldLineBreaks() {
        assertThat(valid(withInputData("{\"address\":\"12 Rue Haute\\nBox 3\"}"))
                        .inputData()
                        .address())
                .isEqualTo("12 Rue Haute\nBox 3");
    }

    // ---- 400 invalid_request ------------------------------------------------------------------------

    @Test
    void noBodyIsAnInvalidRequest() {
        assertThat(parser.parse(null)).isEqualTo(new Invalid(400, "invalid_request", NO_BODY, Map.of()));
        assertInvalidRequest("", NO_BODY);
        assertInvalidRequest("null", NO_BODY);
        assertInvalidRequest("   ", NO_BODY);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"scenario_code\":\"default\" \"language\":\"fr-FR\"}",
                "{\"scenario_code\":\"default\",}",
                "{'scenario_code':'default'}",
                "{\"scenario_code\":\"default\"} {}",
                "{\"scenario_code\":\"default\"} x",
                "{\"scenario_code\":\"default\", /* c */ \"language\":\"fr-FR\"}",
                "{\"external_id\":0123}",
                "{\"external_id\":NaN}",
            })
    void bodiesThatAreNotStrictJsonAreInvalidRequests(String body) {
        assertInvalidRequest(body, NOT_JSON);
    }

    @Test
    void theRequestExampleAsPrintedWithoutCommasIsNotJson() {
        Invalid invalid = invalid("{\n\"scenario_code\": \"default\"\n\"language\": \"fr-FR\"\n}");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.message()).isEqualTo(NOT_JSON + " (line 3, column 1)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"default\"", "42", "true"})
    void aTopLevelThatIsNotAnObjectIsAnInvalidRequest(String body) {
        assertInvalidRequest(body, "Request body must be a JSON object");
    }

    @Test
    void duplicateKeysAreRefusedWithTheirPath() {
        Invalid topLevel = invalid("{\"scenario_code\":\"a\",\"scenario_code\":\"b\",\"language\":\"fr-FR\"}");
        Invalid nested = invalid(withInputData("{\"city\":\"A\",\"city\":\"B\"}"));

        assertThat(topLevel.status()).isEqualTo(400);
        assertThat(topLevel.details()).containsExactly(Map.entry("scenario_code", "duplicate field"));
        assertThat(nested.message()).isEqualTo("Request body contains a duplicate field: input_data.city");
        assertThat(nested.details()).containsExactly(Map.entry("input_data.city", "duplicate field"));
    }

    // ---- 422: required fields -----------------------------------------------------------------------

    @Test
    void scenarioCodeAndLanguageAreRequired() {
        assertValidationFailed("{}", "scenario_code", REQUIRED, "language", REQUIRED);
        assertValidationFailed("{\"scenario_code\":null,\"language\":\"fr-FR\"}", "scenario_code", REQUIRED);
        assertValidationFailed("{\"scenario_code\":\"default\"}", "language", REQUIRED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "true", "[\"default\"]", "{\"code\":\"default\"}"})
    void scenarioCodeAndLanguageMustBeStrings(String json) {
        assertValidationFailed(
                "{\"scenario_code\":" + json + ",\"language\":\"fr-FR\"}", "scenario_code", NOT_A_STRING);
        assertValidationFailed("{\"scenario_code\":\"default\",\"language\":" + json + "}", "language", NOT_A_STRING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "kyc light", "kyc/light", "défaut", "default\\n"})
    void scenarioCodeIsLettersDigitsAndPunctuation(String code) {
        assertValidationFailed(
                "{\"scenario_code\":\"" + code + "\",\"language\":\"fr-FR\"}", "scenario_code", SCENARIO_RULE);
    }

    @Test
    void scenarioCodeIsAtMost64Characters() {
        assertValidationFailed(
                "{\"scenario_code\":\"" + "s".repeat(65) + "\",\"language\":\"fr-FR\"}",
                "scenario_code",
                SCENARIO_RULE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fr_FR", "french!", "fr--FR", "12-34"})
    void languageMustBeAWellFormedTag(String tag) {
        assertValidationFailed("{\"scenario_code\":\"default\",\"language\":\"" + tag + "\"}", "language", BCP47);
    }

    @Test
    void languageIsAtMost35Characters() {
        assertValidationFailed(
                "{\"scenario_code\":\"default\",\"language\":\"en-" + "a".repeat(33) + "\"}",
                "language",
                "must be at most 35 characters, got 36");
    }

    // ---- 422: external_id ---------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "123.0", "1e3", "true", "[123]", "{\"id\":123}"})
    void externalIdOfAnotherTypeIsRefused(String json) {
        assertValidationFailed(withRequired("\"external_id\":" + json), "external_id", EXTERNAL_ID_TYPE);
    }

    @Test
    void externalIdMustNotBeBlankTooLongOrHoldControlCharacters() {
        assertValidationFailed(withRequired("\"external_id\":\"\""), "external_id", NOT_BLANK);
        assertValidationFailed(withRequired("\"external_id\":\"   \""), "external_id", NOT_BLANK);
        assertValidationFailed(
                withRequired("\"external_id\":\"" + "x".repeat(256) + "\""),
                "external_id",
                "must be at most 255 characters, got 256");
        assertValidationFailed(
                withRequired("\"external_id\":\"a\\u0000b\""), "external_id", "must not contain control characters");
        assertValidationFailed(
                withRequired("\"external_id\":" + "9".repeat(256)),
                "external_id",
                "must be at most 255 characters, got 256");
    }

    // ---- 422: input_data ----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"Jane\"", "1", "true"})
    void inputDataMustBeAnObject(String json) {
        assertValidationFailed(withInputData(json), "input_data", "must be an object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"firstname", "lastname", "phone", "birthdate", "address", "zip", "country", "city"})
    void everyInputDataFieldMustBeANonBlankString(String field) {
        assertValidationFailed(withInputData("{\"" + field + "\":42}"), "input_data." + field, NOT_A_STRING);
        assertValidationFailed(withInputData("{\"" + field + "\":{}}"), "input_data." + field, NOT_A_STRING);
        assertValidationFailed(withInputData("{\"" + field + "\":\" \"}"), "input_data." + field, NOT_BLANK);
    }

    @ParameterizedTest(name = "{0} at most {1}")
    @CsvSource({"firstname,100", "lastname,100", "phone,32", "address,255", "zip,20", "country,100", "city,100"})
    void everyInputDataFieldHasAMaximumLength(String field, int max) {
        String tooLong = "1".repeat(max + 1);

        assertValidationFailed(
                withInputData("{\"" + field + "\":\"" + tooLong + "\"}"),
                "input_data." + field,
                "must be at most " + max + " characters, got " + (max + 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"firstname", "lastname", "phone", "birthdate", "zip", "country", "city"})
    void controlCharactersAreRefused(String field) {
        assertValidationFailed(
                withInputData("{\"" + field + "\":\"12\\n34\"}"),
                "input_data." + field,
                "must not contain control characters");
    }

    @Test
    void anAddressMayHoldLineBreaksButNoOtherControlCharacter() {
        assertValidationFailed(
                withInputData("{\"address\":\"12\\tRue Haute\"}"),
                "input_data.address",
                "must not contain control characters other than line breaks");
    }

    @Test
    void unpairedSurrogatesAreRefused() {
        assertValidationFailed(
                withInputData("{\"city\":\"Lux\\ud800\"}"),
                "input_data.city",
                "must not contain unpaired UTF-16 surrogates");
    }

    @ParameterizedTest
    @ValueSource(strings = {"call me", "+", "++352521000000", "352+521", "-- --", "+352 521 000 000 ext. 12"})
    void aPhoneNumberIsDigitsWithSeparators(String phone) {
        assertValidationFailed(
                withInputData("{\"phone\":\"" + phone + "\"}"),
                "input_data.phone",
                "must hold digits, with only spaces and ( ) . - between them and an optional leading +");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "YYYY-MM-DD",
                "1990/05/17",
                "17-05-1990",
                "1990-5-17",
                "19900517",
                "1990-05-17T00:00",
                "١٩٩٠-٠٥-١٧"
            })
    void aBirthdateMustBeInYearMonthDayFormat(String date) {
        assertValidationFailed(
                withInputData("{\"birthdate\":\"" + date + "\"}"),
                "input_data.birthdate",
                "must be a date in YYYY-MM-DD format");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-30", "2023-02-29", "2023-13-01", "2023-00-10", "2023-04-31", "2023-01-00"})
    void aBirthdateMustBeARealDate(String date) {
        assertValidationFailed(
                withInputData("{\"birthdate\":\"" + date + "\"}"),
                "input_data.birthdate",
                "must be a real date in YYYY-MM-DD format; " + date + " does not exist");
    }

    @Test
    void aBirthdateMustNotBeInTheFutureAnywhere() {
        assertValidationFailed(
                withInputData("{\"birthdate\":\"2026-03-03\"}"), "input_data.birthdate", "must not be in the future");
    }

    @Test
    void unknownInputDataFieldsAreRefusedNamingTheAcceptedOnes() {
        assertValidationFailed(
                withInputData("{\"firstname\":\"Jane\",\"email\":\"jane@example.com\"}"),
                "input_data.email",
                "unknown field; input_data accepts firstname, lastname, phone, birthdate, address, zip, country, city");
    }

    @Test
    void unknownTopLevelFieldsAreRefusedSoThatATypoDoesNotMakeAnOrphan() {
        assertValidationFailed(
                withRequired("\"extrenal_id\":123"),
                "extrenal_id",
                "unknown field; the body accepts scenario_code, language, external_id, input_data");
    }

    @Test
    void everyOffendingFieldIsNamedAtOnceInContractOrderUnknownFieldsLast() {
        assertValidationFailed(
                "{\"extra\":1,\"language\":\"fr_FR\",\"input_data\":{\"zip\":\"" + "1".repeat(21)
                        + "\",\"birthdate\":\"2023-02-30\",\"nickname\":\"J\"},\"external_id\":false}",
                "scenario_code",
                REQUIRED,
                "language",
                BCP47,
                "external_id",
                EXTERNAL_ID_TYPE,
                "input_data.birthdate",
                "must be a real date in YYYY-MM-DD format; 2023-02-30 does not exist",
                "input_data.zip",
                "must be at most 20 characters, got 21",
                "input_data.nickname",
                "unknown field; input_data accepts firstname, lastname, phone, birthdate, address, zip, country, city",
                "extra",
                "unknown field; the body accepts scenario_code, language, external_id, input_data");
    }

    @Test
    void theParsedRequestNeverPrintsPersonalData() {
        AlgoregSessionRequest request = valid(withRequired("\"external_id\":\"cust-4711\",\"input_data\":"
                + "{\"firstname\":\"Jane\",\"birthdate\":\"1990-05-17\"}"));

        assertThat(request.toString())
                .doesNotContain("cust-4711")
                .doesNotContain("Jane")
                .doesNotContain("1990")
                .contains("firstname=<redacted>")
                .contains("default")
                .contains("fr-FR");
    }
}
