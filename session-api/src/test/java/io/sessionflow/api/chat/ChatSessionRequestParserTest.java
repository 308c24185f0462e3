package io.sessionflow.api.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.sessionflow.api.Parsed;
import io.sessionflow.api.ParsedAssertions;
import io.sessionflow.api.chat.ChatSessionRequestParser.Invalid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

class ChatSessionRequestParserTest {

    private static final String KEY = "pk_live_1a2b3c4d5e6f7890abcd1234ef567890";
    private static final String KEY_PATTERN_REASON = "must match ^pk_live_[a-f0-9]{32}$";
    private static final String KEY_SNAKE_CASE_REASON = "key must be snake_case matching ^[a-z][a-z0-9_]{0,63}$";
    private static final String NOT_AN_OBJECT_REASON =
            "must be a string, number, boolean, null or array, not an object";
    private static final String TOO_DEEP_REASON = "arrays may be nested at most 4 levels deep";
    private static final String OBJECT_IN_ARRAY_REASON = "arrays must not contain objects";
    private static final String BCP47_REASON = "must be a well-formed BCP-47 language tag";
    private static final String NOT_JSON = "Request body is not valid JSON";
    private static final String NO_BODY = "Request body is required and must be a JSON object";

    private final ChatSessionRequestParser parser =
            new ChatSessionRequestParser(JsonMapper.builder().build());

    // ---- helpers ------------------------------------------------------------------------------------

    private Parsed<ChatSessionRequest> parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private ChatSessionRequest valid(String body) {
        return ParsedAssertions.valid(parse(body), body);
    }

    private Invalid invalid(String body) {
        return invalid(body.getBytes(StandardCharsets.UTF_8));
    }

    private Invalid invalid(byte[] body) {
        return ParsedAssertions.invalid(parser.parse(body), Invalid.class, null);
    }

    /** Asserts a 400 invalid_input with exactly this message and these details. */
    private static void assertInvalidInput(Invalid invalid, String message, Map<String, String> details) {
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.error()).isEqualTo("invalid_input");
        assertThat(invalid.message()).isEqualTo(message);
        if (details == null) {
            assertThat(invalid.details()).isNull();
        } else {
            assertThat(invalid.details()).containsExactlyEntriesOf(details);
        }
    }

    /** Asserts a 422 validation_failed naming exactly these fields, in this order, with these reasons. */
    private static void assertValidationFailed(Invalid invalid, Map<String, String> details) {
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.error()).isEqualTo("validation_failed");
        assertThat(invalid.details()).containsExactlyEntriesOf(details);
        assertThat(invalid.message())
                .isEqualTo("Request validation failed: " + details.size()
                        + (details.size() == 1 ? " field is invalid" : " fields are invalid"));
    }

    private static Map<String, String> details(String... pathsAndReasons) {
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndReasons.length; i += 2) {
            details.put(pathsAndReasons[i], pathsAndReasons[i + 1]);
        }
        return details;
    }

    private static String withKey(String fields) {
        return "{\"publicKey\":\"" + KEY + "\"" + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    private static String withVariables(String variablesJson) {
        return withKey("\"variables\":" + variablesJson);
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    /** {"v0":0,"v1":1,...} with {@code count} keys. */
    private static String variablesWithKeys(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> "\"v" + i + "\":" + i)
                .collect(Collectors.joining(",", "{", "}"));
    }

    // ---- valid requests -----------------------------------------------------------------------------

    @Test
    void aFullValidRequestIsParsedIntoItsFields() {
        ChatSessionRequest request = valid("{\"publicKey\":\"" + KEY + "\",\"customerId\":\"cust-42\","
                + "\"locale\":\"en-GB\",\"variables\":{\"cart_total\":129,\"page_path\":\"/pricing\","
                + "\"tags\":[\"returning\",\"vip\"]}}");

        assertThat(request)
                .isEqualTo(new ChatSessionRequest(
                        KEY,
                        "cust-42",
                        "en-GB",
                        "{\"cart_total\":129,\"page_path\":\"/pricing\",\"tags\":[\"returning\",\"vip\"]}",
                        3));
    }

    @Test
    void onlyThePublicKeyIsRequired() {
        assertThat(valid(withKey(""))).isEqualTo(new ChatSessionRequest(KEY, null, null, null, 0));
    }

    @Test
    void jsonNullForAnOptionalFieldCountsAsAbsent() {
        assertThat(valid(withKey("\"customerId\":null,\"locale\":null,\"variables\":null")))
                .isEqualTo(new ChatSessionRequest(KEY, null, null, null, 0));
    }

    @Test
    void unknownTopLevelFieldsAreIgnored() {
        assertThat(valid(withKey("\"widgetVersion\":3,\"extra\":{\"Nested\":[{\"x\":1}]},\"flag\":null")))
                .isEqualTo(new ChatSessionRequest(KEY, null, null, null, 0));
    }

    @Test
    void anEmptyVariablesObjectIsKeptAsAnEmptyObject() {
        ChatSessionRequest request = valid(withVariables("{}"));

        assertThat(request.variablesJson()).isEqualTo("{}");
        assertThat(request.variableCount()).isZero();
    }

    @Test
    void variablesAreReEncodedCompactlyInReceivedOrderWithValuesAsSent() {
        ChatSessionRequest request = valid(
                "{ \"publicKey\" : \"" + KEY + "\",\n  \"variables\" : {\n"
                        + "    \"zeta\" : 1.50 ,\n    \"alpha\" : null,\n    \"huge\" : 1e400,\n"
                        + "    \"big\" : 123456789012345678901234567890,\n    \"neg\" : -7,\n    \"flag\" : false,\n"
                        + "    \"text\" : \"caf\\u00e9 \\ud83d\\ude00 a\\\"b\\\\c\\n/\",\n    \"list\" : [ [ ], [ 1 , null ] ]\n  }\n}");

        assertThat(request.variablesJson())
                .isEqualTo("{\"zeta\":1.50,\"alpha\":null,\"huge\":1E+400,"
                        + "\"big\":123456789012345678901234567890,\"neg\":-7,\"flag\":false,"
                        + "\"text\":\"café 😀 a\\\"b\\\\c\\n/\",\"list\":[[],[1,null]]}");
        assertThat(request.variableCount()).isEqualTo(8);
    }

    @Test
    void stringFieldsAreKeptAsReceived() {
        ChatSessionRequest request = valid(withKey("\"customerId\":\" Cust 42 \",\"locale\":\"EN-gb\""));

        assertThat(request.customerId()).isEqualTo(" Cust 42 ");
        assertThat(request.locale()).isEqualTo("EN-gb");
    }

    @Test
    void aLenientApplicationMapperDoesNotLoosenParsingOrChangeTheEncoding() {
        ChatSessionRequestParser lenient = new ChatSessionRequestParser(JsonMapper.builder()
                .enable(
                        JsonReadFeature.ALLOW_SINGLE_QUOTES,
                        JsonReadFeature.ALLOW_JAVA_COMMENTS,
                        JsonReadFeature.ALLOW_TRAILING_COMMA)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
                .disable(JsonNodeFeature.WRITE_NULL_PROPERTIES)
                .build());

        assertThat(lenient.parse("{'publicKey':'x'}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        Invalid.class, invalid -> assertThat(invalid.status()).isEqualTo(400));
        assertThat(lenient.parse((withKey("") + "/* c */").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        Invalid.class, invalid -> assertThat(invalid.status()).isEqualTo(400));
        assertThat(lenient.parse(withVariables("{\"b\":null,\"a\":\"é\"}").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new Parsed.Valid<>(new ChatSessionRequest(KEY, null, null, "{\"b\":null,\"a\":\"é\"}", 2)));
    }

    // ---- 400 invalid_input --------------------------------------------------------------------------

    @Test
    void anEmptyBodyIsInvalidInput() {
        assertInvalidInput(invalid(new byte[0]), NO_BODY, null);
        assertInvalidInput(invalid((byte[]) null), NO_BODY, null);
        assertInvalidInput(invalid(" \r\n\t "), NO_BODY, null);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"publicKey\":",
                "{\"publicKey\" \"x\"}",
                "{'publicKey':'x'}",
                "{publicKey:\"x\"}",
                "{\"a\":1,}",
                "[1,]",
                "{\"a\":NaN}",
                "{\"a\":01}",
                "{\"a\":.5}",
                "/* comment */ {}",
                "{\"a\":\"tab\tinside\"}",
                "{} {}",
                "{} x",
                "{\"a\":1}}",
            })
    void malformedJsonIsInvalidInputWithoutDetails(String body) {
        Invalid invalid = invalid(body);

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.error()).isEqualTo("invalid_input");
        assertThat(invalid.message()).startsWith(NOT_JSON);
        assertThat(invalid.details()).isNull();
    }

    @Test
    void malformedJsonNamesWhereItBroke() {
        assertInvalidInput(
                invalid("{\n  \"publicKey\": \"" + KEY + "\",\n  \"locale\": en\n}"),
                NOT_JSON + " (line 3, column 13)",
                null);
    }

    @Test
    void bytesThatAreNotUtf8AreInvalidInput() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        Invalid invalid = invalid(body);

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.message()).startsWith(NOT_JSON);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "[1,2]             | an array",
                "[]                | an array",
                "\"publicKey\"     | a string",
                "42                | a number",
                "true              | a boolean",
                "null              | null",
            })
    void aTopLevelThatIsNotAnObjectIsInvalidInput(String body, String kind) {
        assertInvalidInput(invalid(body), "Request body must be a JSON object, not " + kind, null);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"publicKey\":42                           | publicKey  | must be a string",
                "\"publicKey\":[\"pk\"]                     | publicKey  | must be a string",
                "\"customerId\":42                          | customerId | must be a string",
                "\"customerId\":true                        | customerId | must be a string",
                "\"customerId\":{\"id\":\"c\"}              | customerId | must be a string",
                "\"locale\":1.5                             | locale     | must be a string",
                "\"locale\":[\"en\"]                        | locale     | must be a string",
                "\"variables\":[1]                          | variables  | must be an object",
                "\"variables\":\"{}\"                       | variables  | must be an object",
                "\"variables\":false                        | variables  | must be an object",
            })
    void aFieldOfTheWrongJsonTypeIsInvalidInputNamingFieldAndExpectedType(String field, String path, String reason) {
        // publicKey appears twice when it is the field under test: place the field first and drop the default
        String body = path.equals("publicKey") ? "{" + field + "}" : withKey(field);

        assertInvalidInput(invalid(body), path + " " + reason, details(path, reason));
    }

    @Test
    void everyMistypedFieldIsNamedAndTheShapeErrorWinsOverValidation() {
        Invalid invalid = invalid(
                "{\"publicKey\":7,\"customerId\":\"" + "c".repeat(101) + "\",\"locale\":false,\"variables\":[]}");

        assertInvalidInput(
                invalid,
                "publicKey must be a string; locale must be a string; variables must be an object",
                details(
                        "publicKey",
                        "must be a string",
                        "locale",
                        "must be a string",
                        "variables",
                        "must be an object"));
    }

    @Test
    void aDuplicateTopLevelFieldIsInvalidInput() {
        assertInvalidInput(
                invalid("{\"publicKey\":\"" + KEY + "\",\"publicKey\":\"" + KEY + "\"}"),
                "Request body contains a duplicate field: publicKey",
                details("publicKey", "duplicate field"));
    }

    @Test
    void aDuplicateVariableIsInvalidInputNamingItsPath() {
        assertInvalidInput(
                invalid(withVariables("{\"tier\":\"gold\",\"tier\":\"silver\"}")),
                "Request body contains a duplicate field: variables.tier",
                details("variables.tier", "duplicate field"));
        assertInvalidInput(
                invalid(withVariables("{\"list\":[1,{\"a\":1,\"a\":2}]}")),
                "Request body contains a duplicate field: variables.list[1].a",
                details("variables.list[1].a", "duplicate field"));
    }

    @Test
    void unpairedSurrogatesCannotBePassedOnAsReceivedAndAreInvalidInput() {
        assertInvalidInput(
                invalid(withKey("\"customerId\":\"c\\ud800\"")),
                "customerId must not contain unpaired UTF-16 surrogates",
                details("customerId", "must not contain unpaired UTF-16 surrogates"));
        assertInvalidInput(
                invalid(withVariables("{\"ok\":\"fine\",\"tags\":[[\"\\udc00x\"]]}")),
                "variables.tags must not contain unpaired UTF-16 surrogates",
                details("variables.tags", "must not contain unpaired UTF-16 surrogates"));
        // Jackson's UTF-8 parser already refuses such a property name; its UTF-16 parser lets it through
        assertThat(invalid(withVariables("{\"a\":1,\"k\\ud800\":1}")).message()).startsWith(NOT_JSON);
        assertInvalidInput(
                invalid(withVariables("{\"a\":1,\"k\\ud800\":1}").getBytes(StandardCharsets.UTF_16BE)),
                "variables keys must not contain unpaired UTF-16 surrogates",
                details("variables", "keys must not contain unpaired UTF-16 surrogates"));
        assertThat(valid(withKey("\"customerId\":\"\\ud83d\\ude00\"")).customerId())
                .isEqualTo("😀");
    }

    @Test
    void nestingBeyondTheParserLimitIsInvalidInputNotAnError() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        assertInvalidInput(
                invalid(withVariables("{\"deep\":" + deep + "}")),
                "Request body exceeds the JSON parser's limits (nesting depth or the length of a string, number "
                        + "or name)",
                null);
        assertInvalidInput(
                invalid(deep),
                "Request body exceeds the JSON parser's limits (nesting depth or the "
                        + "length of a string, number or name)",
                null);
    }

    @Test
    void noInputBytesMakeItThrow() {
        Random random = new Random(20240601L);
        String alphabet = "{}[]\":,0123456789.eE+-truefalsnl \\u\n\tpk_";
        for (int i = 0; i < 5_000; i++) {
            byte[] bytes;
            if (i % 2 == 0) {
                bytes = new byte[random.nextInt(64)];
                random.nextBytes(bytes);
            } else {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(64);
                for (int j = 0; j < length; j++) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            }
            Parsed<ChatSessionRequest> result = parser.parse(bytes);
            assertThat(result).isNotNull();
            if (result instanceof Invalid invalid) {
                assertThat(invalid.status()).isIn(400, 422);
                assertThat(invalid.message()).isNotBlank();
            }
        }
    }

    // ---- 422 validation_failed: publicKey -----------------------------------------------------------

    @Test
    void aMissingPublicKeyFailsValidation() {
        assertValidationFailed(invalid("{\"locale\":\"en\"}"), details("publicKey", "is required"));
        assertValidationFailed(invalid("{}"), details("publicKey", "is required"));
    }

    @Test
    void aNullPublicKeyIsMissing() {
        assertValidationFailed(invalid("{\"publicKey\":null}"), details("publicKey", "is required"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "pk_test_1a2b3c4d5e6f7890abcd1234ef567890",
                "pk_live_1A2B3C4D5E6F7890ABCD1234EF567890",
                "pk_live_1a2b3c4d5e6f7890abcd1234ef56789",
                "pk_live_1a2b3c4d5e6f7890abcd1234ef5678901",
                "pk_live_1a2b3c4d5e6f7890abcd1234ef56789g",
                " pk_live_1a2b3c4d5e6f7890abcd1234ef567890",
                "pk_live_1a2b3c4d5e6f7890abcd1234ef567890\\n",
                "PK_LIVE_1a2b3c4d5e6f7890abcd1234ef567890",
            })
    void aPublicKeyNotMatchingThePatternFailsValidation(String publicKey) {
        assertValidationFailed(
                invalid("{\"publicKey\":" + quoted(publicKey) + "}"), details("publicKey", KEY_PATTERN_REASON));
    }

    @Test
    void aPublicKeyOf32LowerCaseHexDigitsIsAccepted() {
        assertThat(valid("{\"publicKey\":\"pk_live_" + "0123456789abcdef".repeat(2) + "\"}")
                        .publicKey())
                .isEqualTo("pk_live_0123456789abcdef0123456789abcdef");
    }

    // ---- 422: customerId ----------------------------------------------------------------------------

    @Test
    void aCustomerIdOfExactly100CharactersIsAccepted() {
        assertThat(valid(withKey("\"customerId\":" + quoted("c".repeat(100)))).customerId())
                .hasSize(100);
    }

    @Test
    void aCustomerIdOf101CharactersFailsValidation() {
        assertValidationFailed(
                invalid(withKey("\"customerId\":" + quoted("c".repeat(101)))),
                details("customerId", "must be at most 100 characters, got 101"));
    }

    @Test
    void customerIdLengthCountsCodePointsNotUtf16Units() {
        String hundredEmoji = "😀".repeat(100);
        assertThat(hundredEmoji).hasSize(200);

        assertThat(valid(withKey("\"customerId\":" + quoted(hundredEmoji))).customerId())
                .isEqualTo(hundredEmoji);
        assertValidationFailed(
                invalid(withKey("\"customerId\":" + quoted(hundredEmoji + "😀"))),
                details("customerId", "must be at most 100 characters, got 101"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   ", "\\t\\n", "\\u2003"})
    void aBlankCustomerIdFailsValidation(String customerId) {
        assertValidationFailed(
                invalid(withKey("\"customerId\":" + quoted(customerId))), details("customerId", "must not be blank"));
    }

    @Test
    void aBlankCustomerIdThatIsAlsoTooLongGetsBothReasons() {
        assertValidationFailed(
                invalid(withKey("\"customerId\":" + quoted(" ".repeat(101)))),
                details("customerId", "must be at most 100 characters, got 101; must not be blank"));
    }

    // ---- 422: locale --------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {"en", "en-GB", "EN-gb", "fr-FR", "zh-Hant-TW", "de-DE-1996", "und", "es-419", "en-GB-x-abcdefgh"
            })
    void wellFormedLocalesOfAtMost16CharactersAreAccepted(String locale) {
        assertThat(valid(withKey("\"locale\":" + quoted(locale))).locale()).isEqualTo(locale);
    }

    @Test
    void aLocaleOfExactly16CharactersIsAcceptedAnd17Rejected() {
        assertThat("en-GB-x-abcdefgh").hasSize(16);
        assertThat(valid(withKey("\"locale\":\"en-GB-x-abcdefgh\"")).locale()).isEqualTo("en-GB-x-abcdefgh");

        assertThat("en-GB-x-abcd-efgh").hasSize(17);
        assertValidationFailed(
                invalid(withKey("\"locale\":\"en-GB-x-abcd-efgh\"")),
                details("locale", "must be at most 16 characters, got 17"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "en_GB", "en_GB!", "en-", "-en", "123", "e", "en--GB", "en-GB-"})
    void anIllFormedLocaleFailsValidation(String locale) {
        assertValidationFailed(invalid(withKey("\"locale\":" + quoted(locale))), details("locale", BCP47_REASON));
    }

    @Test
    void aLocaleThatIsTooLongAndIllFormedGetsBothReasons() {
        assertValidationFailed(
                invalid(withKey("\"locale\":\"english_united_kingdom\"")),
                details("locale", "must be at most 16 characters, got 22; " + BCP47_REASON));
    }

    // ---- 422: variables -----------------------------------------------------------------------------

    @Test
    void fiftyVariablesAreAccepted() {
        ChatSessionRequest request = valid(withVariables(variablesWithKeys(50)));

        assertThat(request.variableCount()).isEqualTo(50);
        assertThat(request.variablesJson()).isEqualTo(variablesWithKeys(50));
    }

    @Test
    void fiftyOneVariablesFailValidation() {
        assertValidationFailed(
                invalid(withVariables(variablesWithKeys(51))),
                details("variables", "must have at most 50 keys, got 51"));
    }

    @Test
    void aVariableKeyOf64CharactersIsAcceptedAnd65Rejected() {
        String key64 = "k" + "_9".repeat(31) + "z";
        String key65 = key64 + "z";
        assertThat(key64).hasSize(64);

        assertThat(valid(withVariables("{" + quoted(key64) + ":1}")).variablesJson())
                .isEqualTo("{" + quoted(key64) + ":1}");
        assertValidationFailed(
                invalid(withVariables("{" + quoted(key65) + ":1}")),
                details("variables." + key65, KEY_SNAKE_CASE_REASON));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "a1", "a_", "cart_total", "x9_y8_z7"})
    void snakeCaseVariableKeysAreAccepted(String key) {
        assertThat(valid(withVariables("{" + quoted(key) + ":true}")).variableCount())
                .isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CartTotal", "cartTotal", "1abc", "_a", "a-b", "a b", "a.b", "", "é", "cart_total "})
    void aVariableKeyThatIsNotSnakeCaseFailsValidationNamingTheKey(String key) {
        assertValidationFailed(
                invalid(withVariables("{\"fine\":1," + quoted(key) + ":1}")),
                details("variables." + key, KEY_SNAKE_CASE_REASON));
    }

    @Test
    void scalarNullAndArrayValuesAreAccepted() {
        String variables = "{\"s\":\"x\",\"i\":-3,\"f\":2.5e-3,\"t\":true,\"n\":null,\"e\":[],"
                + "\"mixed\":[\"a\",1,false,null,[]]}";

        assertThat(valid(withVariables(variables)).variablesJson())
                .isEqualTo("{\"s\":\"x\",\"i\":-3,\"f\":0.0025,\"t\":true,\"n\":null,\"e\":[],"
                        + "\"mixed\":[\"a\",1,false,null,[]]}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"total\":1}", "{}"})
    void anObjectAsAVariableValueFailsValidation(String value) {
        assertValidationFailed(
                invalid(withVariables("{\"cart\":" + value + "}")), details("variables.cart", NOT_AN_OBJECT_REASON));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"a\":1}]", "[1,{}]", "[[[{}]]]", "[[1],[2,[3,{\"b\":[]}]]]"})
    void anObjectInsideAnArrayAtAnyDepthFailsValidation(String value) {
        assertValidationFailed(
                invalid(withVariables("{\"items\":" + value + "}")),
                details("variables.items", OBJECT_IN_ARRAY_REASON));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1]", "[[1]]", "[[[1]]]", "[[[[1]]]]", "[[[[]]]]", "[1,[2,[3,[4]]]]", "[[[[1]]],[[[2]]]]"})
    void arraysNestedUpToFourLevelsAreAccepted(String value) {
        assertThat(valid(withVariables("{\"deep\":" + value + "}")).variablesJson())
                .isEqualTo("{\"deep\":" + value + "}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"[[[[[1]]]]]", "[[[[[]]]]]", "[1,[2,[3,[4,[5]]]]]", "[[[[1]]],[[[[2]]]]]", "[[[[[[[[[[]]]]]]]]]]"
            })
    void arraysNestedFiveLevelsOrMoreFailValidation(String value) {
        assertValidationFailed(
                invalid(withVariables("{\"deep\":" + value + "}")), details("variables.deep", TOO_DEEP_REASON));
    }

    @Test
    void aValueBreakingSeveralRulesGetsEveryReason() {
        assertValidationFailed(
                invalid(withVariables("{\"Deep\":[[[[[{}]]]]]}")),
                details(
                        "variables.Deep",
                        KEY_SNAKE_CASE_REASON + "; " + TOO_DEEP_REASON + "; " + OBJECT_IN_ARRAY_REASON));
    }

    @Test
    void variablesOfExactly4096BytesAreAcceptedAnd4097Rejected() {
        // {"blob":"<n>"} is 11 + n bytes
        String exact = "{\"blob\":\"" + "x".repeat(4085) + "\"}";
        assertThat(exact.getBytes(StandardCharsets.UTF_8)).hasSize(4096);
        assertThat(valid(withVariables(exact)).variablesJson()).isEqualTo(exact);

        assertValidationFailed(
                invalid(withVariables("{\"blob\":\"" + "x".repeat(4086) + "\"}")),
                details("variables", "must be at most 4096 bytes when JSON-encoded, got 4097"));
    }

    @Test
    void theSizeLimitCountsUtf8BytesOfTheCompactEncoding() {
        // 2042 two-byte characters + 1 ASCII = 4085 bytes of string content, 2043 characters
        String content = "é".repeat(2042) + "x";
        String spaced = "{ \"blob\" :   \"" + content + "\" }";
        assertThat(valid(withVariables(spaced)).variablesJson().getBytes(StandardCharsets.UTF_8))
                .hasSize(4096);

        assertValidationFailed(
                invalid(withVariables("{\"blob\":\"" + content + "x\"}")),
                details("variables", "must be at most 4096 bytes when JSON-encoded, got 4097"));
        // an escaped control character counts as its escape sequence: "\n" is 2 bytes
        assertValidationFailed(
                invalid(withVariables("{\"blob\":\"" + "x".repeat(4084) + "\\n\"}")),
                details("variables", "must be at most 4096 bytes when JSON-encoded, got 4097"));
    }

    @Test
    void tooManyAndTooLargeVariablesGetBothReasons() {
        String variables = IntStream.range(0, 51)
                .mapToObj(i -> "\"v" + i + "\":\"" + "x".repeat(80) + "\"")
                .collect(Collectors.joining(",", "{", "}"));

        assertValidationFailed(
                invalid(withVariables(variables)),
                details(
                        "variables",
                        "must have at most 50 keys, got 51; must be at most 4096 bytes when JSON-encoded, got "
                                + variables.getBytes(StandardCharsets.UTF_8).length));
    }

    // ---- several failures at once -------------------------------------------------------------------

    @Test
    void everyOffendingFieldIsReportedAtOnceInContractOrder() {
        String variables = "{\"ok\":1,\"BadKey\":2,\"cart\":{\"total\":1},"
                + variablesWithKeys(49).substring(1);

        Invalid invalid = invalid("{\"variables\":" + variables + ",\"locale\":\"en_GB\",\"customerId\":\""
                + "c".repeat(101) + "\",\"publicKey\":\"pk_test_123\"}");

        assertValidationFailed(
                invalid,
                details(
                        "publicKey", KEY_PATTERN_REASON,
                        "customerId", "must be at most 100 characters, got 101",
                        "locale", BCP47_REASON,
                        "variables", "must have at most 50 keys, got 52",
                        "variables.BadKey", KEY_SNAKE_CASE_REASON,
                        "variables.cart", NOT_AN_OBJECT_REASON));
        assertThat(invalid.message()).isEqualTo("Request validation failed: 6 fields are invalid");
    }

    // ---- the result types ---------------------------------------------------------------------------

    @Test
    void invalidDetailsAreAnUnmodifiableCopyInStableOrder() {
        Map<String, String> source = new LinkedHashMap<>();
        source.put("b", "1");
        source.put("a", "2");
        Invalid invalid = new Invalid(422, "validation_failed", "m", source);
        source.put("c", "3");

        assertThat(invalid.details()).containsExactly(entry("b", "1"), entry("a", "2"));
        assertThatThrownBy(() -> invalid.details().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new Invalid(400, "invalid_input", "m", null).details()).isNull();
    }

    @Test
    void aRequestsToStringLeavesOutPersonalData() {
        ChatSessionRequest request = new ChatSessionRequest(KEY, "alice@example.com", "en", "{\"email\":\"a@b\"}", 1);

        assertThat(request.toString()).doesNotContain("alice", "a@b").contains(KEY, "locale=en", "variableCount=1");
    }
}
