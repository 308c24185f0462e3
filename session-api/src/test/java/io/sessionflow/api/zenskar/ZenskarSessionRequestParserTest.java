package io.sessionflow.api.zenskar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.sessionflow.api.Parsed;
import io.sessionflow.api.ParsedAssertions;
import io.sessionflow.api.zenskar.ZenskarSessionRequestParser.Invalid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class ZenskarSessionRequestParserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CUSTOMER = "b7e4c1a2-5f3d-4a8b-9c6e-1d2f3a4b5c6d";
    private static final String RETURN_URL = "https://app.acme.example/billing?tab=invoices";

    private final ZenskarSessionRequestParser parser = new ZenskarSessionRequestParser(JSON);

    // ---- helpers ------------------------------------------------------------------------------------

    private Parsed<ZenskarSessionRequest> parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8), true);
    }

    private ZenskarSessionRequest valid(String body) {
        return ParsedAssertions.valid(parse(body), body);
    }

    private List<ZenskarValidationError> errors(String body) {
        Invalid invalid = ParsedAssertions.invalid(parse(body), Invalid.class, body);
        assertThat(invalid.status()).isEqualTo(422);
        return invalid.errors();
    }

    /** The single error of a body that names a customer, so that only the field under test is wrong. */
    private ZenskarValidationError onlyError(String fields) {
        List<ZenskarValidationError> errors = errors(customerBody(fields));
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    private static String customerBody(String fields) {
        return "{\"customer_id\":\"" + CUSTOMER + "\",\"return_url\":\"" + RETURN_URL + "\""
                + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    private static ZenskarValidationError body(String field, String type, String msg) {
        return ZenskarValidationError.body(field, type, msg);
    }

    // ---- valid requests -----------------------------------------------------------------------------

    @Test
    void aCustomerSessionWithDefaults() {
        assertThat(valid(customerBody("")))
                .isEqualTo(new ZenskarSessionRequest(CUSTOMER, false, RETURN_URL, 3600, null));
    }

    @Test
    void aGuestSessionWithEveryField() {
        ZenskarSessionRequest request = valid("{\"customer_id\":null,\"is_guest_session\":true,"
                + "\"return_url\":\"http://localhost:3000/back\",\"idle_timeout\":900,\"session_key\":\"cart-42\","
                + "\"unknown_field\":{\"ignored\":true}}");

        assertThat(request)
                .isEqualTo(new ZenskarSessionRequest(null, true, "http://localhost:3000/back", 900, "cart-42"));
    }

    @Test
    void nullIdleTimeoutAndFalseGuestFlagMeanTheDefaults() {
        ZenskarSessionRequest request =
                valid(customerBody("\"is_guest_session\":false,\"idle_timeout\":null," + "\"session_key\":null"));

        assertThat(request.idleTimeoutSeconds()).isEqualTo(3600);
        assertThat(request.isGuestSession()).isFalse();
        assertThat(request.sessionKey()).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "B7E4C1A2-5F3D-4A8B-9C6E-1D2F3A4B5C6D",
                "b7e4c1a25f3d4a8b9c6e1d2f3a4b5c6d",
                "{b7e4c1a2-5f3d-4a8b-9c6e-1d2f3a4b5c6d}",
                "urn:uuid:b7e4c1a2-5f3d-4a8b-9c6e-1d2f3a4b5c6d",
            })
    void everyUuidFormPydanticReadsIsKeptInCanonicalForm(String customerId) {
        ZenskarSessionRequest request =
                valid("{\"customer_id\":\"" + customerId + "\",\"return_url\":\"" + RETURN_URL + "\"}");

        assertThat(request.customerId()).isEqualTo(CUSTOMER);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "3600.0 | 3600",
                "\"900\" | 900",
                "\" 900 \" | 900",
                "\"+60\" | 60",
                "\"120.00\" | 120",
                "1e3 | 1000",
                "true | 1",
                "86400 | 86400",
            })
    void idleTimeoutIsReadAsPydanticReadsAnInteger(String json, int expected) {
        assertThat(valid(customerBody("\"idle_timeout\":" + json)).idleTimeoutSeconds())
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "true | true",
                "1 | true",
                "1.0 | true",
                "\"yes\" | true",
                "\"On\" | true",
                "\"t\" | true",
                "\"1\" | true",
                "false | false",
                "0 | false",
                "\"no\" | false",
                "\"OFF\" | false",
                "\"f\" | false",
                "\"n\" | false",
            })
    void theGuestFlagIsReadAsPydanticReadsABoolean(String json, boolean guest) {
        String body = guest
                ? "{\"is_guest_session\":" + json + ",\"return_url\":\"" + RETURN_URL + "\"}"
                : customerBody("\"is_guest_session\":" + json);

        assertThat(valid(body).isGuestSession()).isEqualTo(guest);
    }

    @Test
    void aSessionKeyOf255CharactersIsAccepted() {
        String key = "😀".repeat(255);

        assertThat(valid(customerBody("\"session_key\":\"" + key + "\"")).sessionKey())
                .isEqualTo(key);
    }

    @Test
    void aReturnUrlOfExactly2083CharactersIsAccepted() {
        String url = "https://a.example/" + "x".repeat(2083 - "https://a.example/".length());

        assertThat(valid("{\"is_guest_session\":true,\"return_url\":\"" + url + "\"}")
                        .returnUrl())
                .isEqualTo(url);
    }

    // ---- customer_id / is_guest_session -------------------------------------------------------------

    @Test
    void neitherACustomerNorAGuestIsRefusedOnCustomerId() {
        assertThat(errors("{\"return_url\":\"" + RETURN_URL + "\"}"))
                .containsExactly(body(
                        "customer_id",
                        "value_error",
                        "Value error, customer_id is required unless is_guest_session is true"));
        assertThat(errors("{\"is_guest_session\":false,\"customer_id\":null,\"return_url\":\"" + RETURN_URL + "\"}"))
                .extracting(ZenskarValidationError::type)
                .containsExactly("value_error");
    }

    @Test
    void bothACustomerAndAGuestIsRefusedOnCustomerId() {
        assertThat(errors(customerBody("\"is_guest_session\":true")))
                .containsExactly(body(
                        "customer_id",
                        "value_error",
                        "Value error, customer_id must be null for a guest session (is_guest_session is true)"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "not-a-uuid | invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `n` at 1",
                "b7e4c1a2-5f3d-4a8b-9c6e-1d2f3a4b5c6z | invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `z` at 36",
                "{b7e4c1a2-5f3d-4a8b-9c6e-1d2f3a4b5cxd} | invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `x` at 36",
                "b7e4c1a2 | invalid length: expected length 32 for simple format, found 8",
                "'' | invalid length: expected length 32 for simple format, found 0",
                "b7e4c1a2-5f3d-4a8b-9c6e | invalid group count: expected 5, found 4",
                "b7e4c1a2-5f3d-4a8b-9c6e1-d2f3a4b5c6d | invalid group length in group 3: expected 4, found 5",
            })
    void aCustomerIdThatIsNotAUuidIsUuidParsing(String customerId, String reason) {
        assertThat(errors("{\"customer_id\":\"" + customerId + "\",\"return_url\":\"" + RETURN_URL + "\"}"))
                .containsExactly(body("customer_id", "uuid_parsing", "Input should be a valid UUID, " + reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "true", "[]", "{}"})
    void aCustomerIdThatIsNotAStringIsUuidType(String json) {
        assertThat(errors("{\"customer_id\":" + json + ",\"return_url\":\"" + RETURN_URL + "\"}"))
                .containsExactly(
                        body("customer_id", "uuid_type", "UUID input should be a string, bytes or UUID object"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"maybe\"", "2", "0.5", "\"\"", "\" true\""})
    void anUninterpretableGuestFlagIsBoolParsing(String json) {
        assertThat(onlyError("\"is_guest_session\":" + json))
                .isEqualTo(body(
                        "is_guest_session",
                        "bool_parsing",
                        "Input should be a valid boolean, unable to interpret input"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "{}"})
    void aGuestFlagThatIsAContainerIsBoolType(String json) {
        assertThat(onlyError("\"is_guest_session\":" + json))
                .isEqualTo(body("is_guest_session", "bool_type", "Input should be a valid boolean"));
    }

    // ---- return_url ---------------------------------------------------------------------------------

    @Test
    void aMissingReturnUrlIsMissing() {
        assertThat(errors("{\"customer_id\":\"" + CUSTOMER + "\"}"))
                .containsExactly(body("return_url", "missing", "Field required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "42", "true", "[\"https://a.example\"]", "{}"})
    void aReturnUrlThatIsNotAStringIsStringType(String json) {
        assertThat(errors("{\"customer_id\":\"" + CUSTOMER + "\",\"return_url\":" + json + "}"))
                .containsExactly(body("return_url", "string_type", "Input should be a valid string"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/billing                      | url_parsing | Input should be a valid URL, relative URL without a base",
                "app.acme.example/billing      | url_parsing | Input should be a valid URL, relative URL without a base",
                "''                            | url_parsing | Input should be a valid URL, input is empty",
                "https:///billing              | url_parsing | Input should be a valid URL, empty host",
                "https://exa mple.com/         | url_parsing | Input should be a valid URL, illegal character in authority at index 8",
                "ftp://files.acme.example/x    | url_scheme  | URL scheme should be 'http' or 'https'",
                "javascript:alert(1)           | url_scheme  | URL scheme should be 'http' or 'https'",
            })
    void aReturnUrlThatIsNotAnAbsoluteHttpUrlIsRefused(String url, String type, String msg) {
        ZenskarValidationError error = errors("{\"customer_id\":\"" + CUSTOMER + "\",\"return_url\":\"" + url + "\"}")
                .get(0);

        assertThat(error.type()).isEqualTo(type);
        assertThat(error.loc()).containsExactly("body", "return_url");
        assertThat(error.msg()).isEqualTo(msg);
    }

    @Test
    void aReturnUrlLongerThan2083CharactersIsUrlTooLong() {
        String url = "https://a.example/" + "x".repeat(2084 - "https://a.example/".length());

        assertThat(errors("{\"customer_id\":\"" + CUSTOMER + "\",\"return_url\":\"" + url + "\"}"))
                .containsExactly(ZenskarValidationError.body(
                        "return_url",
                        "url_too_long",
                        "URL should have at most 2083 characters",
                        Map.of("max_length", 2083)));
    }

    // ---- idle_timeout -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "false", "\"-1\"", "0.0"})
    void aNonPositiveIdleTimeoutIsGreaterThan(String json) {
        assertThat(onlyError("\"idle_timeout\":" + json))
                .isEqualTo(ZenskarValidationError.body(
                        "idle_timeout", "greater_than", "Input should be greater than 0", Map.of("gt", 0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"86401", "1e999999999", "99999999999999999999999", "\"100000\""})
    void anIdleTimeoutAboveADayIsLessThanEqual(String json) {
        assertThat(onlyError("\"idle_timeout\":" + json))
                .isEqualTo(ZenskarValidationError.body(
                        "idle_timeout",
                        "less_than_equal",
                        "Input should be less than or equal to 86400",
                        Map.of("le", 86400)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"an hour\"", "\"\"", "\"1e3\"", "\"3_600\"", "\"12.5\""})
    void anIdleTimeoutStringThatIsNoIntegerIsIntParsing(String json) {
        assertThat(onlyError("\"idle_timeout\":" + json))
                .isEqualTo(body(
                        "idle_timeout",
                        "int_parsing",
                        "Input should be a valid integer, unable to parse string as an integer"));
    }

    @Test
    void aFractionalIdleTimeoutIsIntFromFloat() {
        assertThat(onlyError("\"idle_timeout\":60.5"))
                .isEqualTo(body(
                        "idle_timeout",
                        "int_from_float",
                        "Input should be a valid integer, got a number with a fractional part"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[60]", "{}"})
    void anIdleTimeoutThatIsAContainerIsIntType(String json) {
        assertThat(onlyError("\"idle_timeout\":" + json))
                .isEqualTo(body("idle_timeout", "int_type", "Input should be a valid integer"));
    }

    // ---- session_key --------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"42", "true", "[\"k\"]", "{}"})
    void aSessionKeyThatIsNotAStringIsStringType(String json) {
        assertThat(onlyError("\"session_key\":" + json))
                .isEqualTo(body("session_key", "string_type", "Input should be a valid string"));
    }

    @Test
    void anEmptySessionKeyIsStringTooShort() {
        assertThat(onlyError("\"session_key\":\"\""))
                .isEqualTo(ZenskarValidationError.body(
                        "session_key",
                        "string_too_short",
                        "String should have at least 1 character",
                        Map.of("min_length", 1)));
    }

    @Test
    void aSessionKeyOver255CharactersIsStringTooLong() {
        assertThat(onlyError("\"session_key\":\"" + "k".repeat(256) + "\""))
                .isEqualTo(ZenskarValidationError.body(
                        "session_key",
                        "string_too_long",
                        "String should have at most 255 characters",
                        Map.of("max_length", 255)));
    }

    @Test
    void aSessionKeyWithAnUnpairedSurrogateIsStringUnicode() {
        assertThat(onlyError("\"session_key\":\"a\\ud800b\""))
                .isEqualTo(body(
                        "session_key",
                        "string_unicode",
                        "Input should be a valid string, unable to parse raw data as a unicode string"));
    }

    // ---- all at once, and the body as a whole ------------------------------------------------------

    @Test
    void everyProblemIsReportedAtOnceInFieldOrder() {
        List<ZenskarValidationError> errors = errors("{\"customer_id\":\"nope\",\"is_guest_session\":\"perhaps\","
                + "\"idle_timeout\":\"soon\",\"session_key\":\"\"}");

        assertThat(errors)
                .extracting(ZenskarValidationError::loc)
                .containsExactly(
                        List.of("body", "customer_id"),
                        List.of("body", "is_guest_session"),
                        List.of("body", "return_url"),
                        List.of("body", "idle_timeout"),
                        List.of("body", "session_key"));
        assertThat(errors)
                .extracting(ZenskarValidationError::type)
                .containsExactly("uuid_parsing", "bool_parsing", "missing", "int_parsing", "string_too_short");
    }

    @Test
    void aCombinationErrorComesWithTheFieldErrors() {
        assertThat(errors("{\"idle_timeout\":0}"))
                .extracting(ZenskarValidationError::type)
                .containsExactly("value_error", "missing", "greater_than");
    }

    @Test
    void noBodyOrJsonNullIsAMissingBody() {
        assertThat(((Invalid) parser.parse(new byte[0], true)).errors())
                .containsExactly(ZenskarValidationError.wholeBody("missing", "Field required"));
        assertThat(errors("null")).containsExactly(ZenskarValidationError.wholeBody("missing", "Field required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"session\"", "42", "true"})
    void aBodyThatIsNotAnObjectIsModelAttributesType(String json) {
        assertThat(errors(json))
                .containsExactly(ZenskarValidationError.wholeBody(
                        "model_attributes_type",
                        "Input should be a valid dictionary or object to extract fields from"));
    }

    @Test
    void aBodyThatIsNotJsonByContentTypeIsModelAttributesType() {
        Parsed<ZenskarSessionRequest> result = parser.parse(customerBody("").getBytes(StandardCharsets.UTF_8), false);

        assertThat(((Invalid) result).errors())
                .extracting(ZenskarValidationError::type)
                .containsExactly("model_attributes_type");
    }

    /** Positions count code points, as Python's decoder does: the emoji is one character, not two. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"return_url\":                          | 14",
                "{\"return_url\" \"x\"}                    | 14",
                "{\"a\":1,\"a\":2}                         | 10",
                "{\"is_guest_session\":true} {}            | 26",
                "{'return_url':'x'}                        | 1",
                "{\"é😀\":tru}                             | 6",
            })
    void malformedJsonIsASingleJsonInvalidAtTheCharacterWhereReadingStopped(String json, int position) {
        Invalid invalid = (Invalid) parse(json.strip());

        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.undecodable()).isTrue();
        assertThat(invalid.errors()).singleElement().satisfies(error -> {
            assertThat(error.type()).isEqualTo("json_invalid");
            assertThat(error.loc()).containsExactly("body", position);
            assertThat(error.msg()).isEqualTo("JSON decode error");
            assertThat(error.ctx()).containsKey("error");
        });
    }

    @Test
    void aBodyOfOnlyWhitespaceIsJsonInvalidAtItsEnd() {
        assertThat(errors("   "))
                .singleElement()
                .satisfies(error -> assertThat(error.loc()).containsExactly("body", 3));
    }

    @Test
    void aBodyThatIsNotUtf8IsA400AsFastApiAnswersIt() {
        Invalid invalid = (Invalid) parser.parse(new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}, true);

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.detail()).isEqualTo("There was an error parsing the body");
    }

    @Test
    void the422BodyIsFastApisShape() {
        String json = JSON.writeValueAsString(ZenskarErrors.validation(List.of(
                        body(
                                "customer_id",
                                "uuid_parsing",
                                "Input should be a valid UUID, invalid length: expected length 32 "
                                        + "for simple format, found 3"),
                        ZenskarValidationError.body(
                                "idle_timeout", "greater_than", "Input should be greater than 0", Map.of("gt", 0)),
                        ZenskarValidationError.header("idempotency-key", "value_error", "Value error, too long")))
                .getBody());

        assertThat(json)
                .isEqualTo("{\"detail\":["
                        + "{\"type\":\"uuid_parsing\",\"loc\":[\"body\",\"customer_id\"],\"msg\":\"Input should be a valid "
                        + "UUID, invalid length: expected length 32 for simple format, found 3\"},"
                        + "{\"type\":\"greater_than\",\"loc\":[\"body\",\"idle_timeout\"],\"msg\":\"Input should be greater "
                        + "than 0\",\"ctx\":{\"gt\":0}},"
                        + "{\"type\":\"value_error\",\"loc\":[\"header\",\"idempotency-key\"],\"msg\":\"Value error, too "
                        + "long\"}]}");
        assertThat(JSON.writeValueAsString(((Invalid) parse("{")).errors().get(0)))
                .startsWith("{\"type\":\"json_invalid\",\"loc\":[\"body\",1],\"msg\":\"JSON decode error\",\"ctx\":");
    }

    @Test
    void theParsedRequestDoesNotPrintReturnUrlOrSessionKey() {
        ZenskarSessionRequest request = valid(customerBody("\"session_key\":\"secret-reuse-key\""));

        assertThat(request.toString())
                .doesNotContain("secret-reuse-key")
                .doesNotContain("app.acme.example")
                .contains(CUSTOMER);
    }
}
