package io.sessionflow.api.liveperson;

import static io.sessionflow.api.ParsedAssertions.invalid;
import static io.sessionflow.api.ParsedAssertions.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.sessionflow.api.liveperson.LivePersonBodies.AppDetails;
import io.sessionflow.api.liveperson.LivePersonBodies.CreateBody;
import io.sessionflow.api.liveperson.LivePersonBodies.Impression;
import io.sessionflow.api.liveperson.LivePersonBodies.UpdateBody;
import io.sessionflow.api.liveperson.LivePersonRequestParser.Invalid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class LivePersonRequestParserTest {

    /** The create-session body example of LivePerson's page, as published. */
    private static final String DOCUMENTED_BODY = """
            {
             "appType": "MSDK",
             "appDetails":{
               "os": "MAC_OSX",
               "osVersion": "1.2",
               "appVersion": "1.0",
               "deviceFamily": "MOBILE",
               "ipAddress": "192.168.5.2"
             },
             "consumerSections":[
               "Support",
               "English",
               "Other"
             ],
             "engagementAttributes": [
               {
                 "type": "personal",
                 "personal": {
                   "contacts": [{"email":"sarahw@gmail.com","phone":"12345678"}],
                   "age": {"age":30.0, "year":1986, "month":7, "day":22},
                   "firstname": "Sarah",
                   "lastname": "West",
                   "gender": "FEMALE",
                   "company": "liveperson"
                 }
               }
             ]
            }
            """;

    private static final String SDE_TYPES =
            "ctmrinfo, personal, mrktInfo, cart, purchase, prodView, lead, service, " + "error, searchInfo";
    private static final String IMPRESSION_TYPES = "impDisplay, impAccept, impExpanded, impTimeout, impClose";

    private final LivePersonRequestParser parser =
            new LivePersonRequestParser(JsonMapper.builder().build());

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private CreateBody validCreate(String body) {
        return valid(parser.parseCreate(bytes(body)), body);
    }

    private UpdateBody validUpdate(String body) {
        return valid(parser.parseUpdate(bytes(body)), body);
    }

    private Invalid<CreateBody> invalidCreate(String body) {
        return invalid(parser.parseCreate(body == null ? null : bytes(body)), Invalid.class, body);
    }

    private Invalid<UpdateBody> invalidUpdate(String body) {
        return invalid(parser.parseUpdate(bytes(body)), Invalid.class, body);
    }

    // ---- POST: accepted -----------------------------------------------------------------------------

    @Test
    void theDocumentedBodyIsAccepted() {
        CreateBody body = validCreate(DOCUMENTED_BODY);

        assertThat(body.appType()).isEqualTo("MSDK");
        assertThat(body.appDetails()).isEqualTo(new AppDetails("1.0", "1.2", "MOBILE", "MAC_OSX", "192.168.5.2"));
        assertThat(body.consumerSections()).containsExactly("Support", "English", "Other");
        assertThat(body.engagementAttributes().types()).containsExactly("personal");
        assertThat(body.engagementAttributes().json())
                .startsWith("[{\"type\":\"personal\",\"personal\":{")
                .contains("\"age\":30.0");
        assertThat(body.canonicalJson()).startsWith("{\"appType\":\"MSDK\",\"appDetails\":{");
    }

    @Test
    void toStringLeavesOutSdeValuesAndTheIpAddress() {
        String text = validCreate(DOCUMENTED_BODY).toString();

        assertThat(text)
                .doesNotContain("sarahw@gmail.com")
                .doesNotContain("Sarah")
                .doesNotContain("192.168.5.2")
                .contains("personal")
                .contains("MOBILE");
    }

    @Test
    void onlyAppTypeIsRequiredAndNullCountsAsAbsent() {
        CreateBody body = validCreate("{\"appType\":\"EXTERNAL\",\"appDetails\":null,\"consumerSections\":null,"
                + "\"engagementAttributes\":null,\"somethingElse\":1}");

        assertThat(body.appDetails()).isNull();
        assertThat(body.consumerSections()).isEmpty();
        assertThat(body.engagementAttributes().types()).isEmpty();
        assertThat(body.engagementAttributes().json()).isNull();
    }

    @Test
    void consumerSectionsMayBeOneCommaDelimitedString() {
        assertThat(validCreate("{\"appType\":\"MSDK\",\"consumerSections\":\"Support, English ,Other\"}")
                        .consumerSections())
                .containsExactly("Support", "English", "Other");
        assertThat(validCreate("{\"appType\":\"MSDK\",\"consumerSections\":\"  \"}")
                        .consumerSections())
                .isEmpty();
        assertThat(validCreate("{\"appType\":\"MSDK\",\"consumerSections\":[\" Sales \"]}")
                        .consumerSections())
                .containsExactly("Sales");
    }

    @Test
    void everyDocumentedSdeTypeIsAccepted() {
        String attributes = LivePersonRequestParser.SDE_TYPES.stream()
                .map(type -> "{\"type\":\"" + type + "\"}")
                .collect(Collectors.joining(",", "[", "]"));

        CreateBody body = validCreate("{\"appType\":\"MSDK\",\"engagementAttributes\":" + attributes + "}");

        assertThat(body.engagementAttributes().types()).containsExactlyElementsOf(LivePersonRequestParser.SDE_TYPES);
    }

    @Test
    void ipv6AddressesAreAccepted() {
        assertThat(validCreate("{\"appType\":\"MSDK\",\"appDetails\":{\"ipAddress\":\"2001:db8::1\"}}")
                        .appDetails()
                        .ipAddress())
                .isEqualTo("2001:db8::1");
    }

    // ---- POST: malformed ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "empty          | ''                                    | Request body is required and must be a JSON object",
                "whitespace     | '  '                                  | Request body is required and must be a JSON object",
                "not JSON       | '{\"appType\":'                       | Request body is not valid JSON (line 1, column 12)",
                "trailing token | '{\"appType\":\"MSDK\"} x'            | Request body is not valid JSON (line 1, column 20)",
                "array          | '[1]'                                 | Request body must be a JSON object, not an array",
                "string         | '\"MSDK\"'                            | Request body must be a JSON object, not a string",
                "duplicate      | '{\"appType\":\"MSDK\",\"appType\":\"MSDK\"}' | Request body contains a duplicate field: appType",
                "nested dup     | '{\"appType\":\"MSDK\",\"appDetails\":{\"os\":\"IOS\",\"os\":\"IOS\"}}' | Request body contains a duplicate field: appDetails.os",
            })
    void malformedBodiesAre100(String rule, String body, String message) {
        assertThat(invalidCreate(body)).as(rule).isEqualTo(new Invalid<CreateBody>(100, message));
    }

    @Test
    void lenientJsonIsRefused() {
        assertThat(invalidCreate("{'appType':'MSDK'}").message()).startsWith("Request body is not valid JSON");
        assertThat(invalidCreate("{\"appType\":\"MSDK\",}").message()).startsWith("Request body is not valid JSON");
        assertThat(invalidCreate("{\"appType\":\"MSDK\"} // note").message())
                .startsWith("Request body is not valid JSON");
    }

    @Test
    void noBodyAtAllIs100() {
        assertThat(invalidCreate(null))
                .isEqualTo(new Invalid<CreateBody>(100, "Request body is required and must be a JSON object"));
    }

    // ---- POST: field rules --------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "appType missing        | {}                                                        | appType is required",
                "appType null           | {\"appType\":null}                                        | appType is required",
                "appType value          | {\"appType\":\"WEB\"}                                     | appType must be one of MSDK, EXTERNAL",
                "appType case           | {\"appType\":\"msdk\"}                                    | appType must be one of MSDK, EXTERNAL",
                "appType type           | {\"appType\":1}                                           | appType must be a string",
                "appDetails type        | {\"appType\":\"MSDK\",\"appDetails\":\"x\"}               | appDetails must be an object",
                "appVersion type        | {\"appType\":\"MSDK\",\"appDetails\":{\"appVersion\":1}}  | appDetails.appVersion must be a string",
                "osVersion type         | {\"appType\":\"MSDK\",\"appDetails\":{\"osVersion\":[]}}  | appDetails.osVersion must be a string",
                "deviceFamily value     | {\"appType\":\"MSDK\",\"appDetails\":{\"deviceFamily\":\"mobile_phone\"}} | appDetails.deviceFamily must be one of DESKTOP, TABLET, MOBILE",
                "os value               | {\"appType\":\"MSDK\",\"appDetails\":{\"os\":\"OSX\"}}    | appDetails.os must be one of WINDOWS, MAC_OSX, LINUX, IOS, ANDROID",
                "ipAddress value        | {\"appType\":\"MSDK\",\"appDetails\":{\"ipAddress\":\"999.1.1.1\"}} | appDetails.ipAddress must be an IPv4 or IPv6 address",
                "ipAddress host name    | {\"appType\":\"MSDK\",\"appDetails\":{\"ipAddress\":\"localhost\"}} | appDetails.ipAddress must be an IPv4 or IPv6 address",
                "ipAddress type         | {\"appType\":\"MSDK\",\"appDetails\":{\"ipAddress\":3232236802}} | appDetails.ipAddress must be a string",
                "sections type          | {\"appType\":\"MSDK\",\"consumerSections\":7}             | consumerSections must be an array of strings or a comma-delimited string",
                "section type           | {\"appType\":\"MSDK\",\"consumerSections\":[\"a\",7]}     | consumerSections[1] must be a string",
                "section blank          | {\"appType\":\"MSDK\",\"consumerSections\":[\"a\",\" \"]} | consumerSections[1] must not be blank",
                "delimited blank        | {\"appType\":\"MSDK\",\"consumerSections\":\"a,,b\"}      | consumerSections[1] must not be blank",
                "attributes type        | {\"appType\":\"MSDK\",\"engagementAttributes\":{}}        | engagementAttributes must be an array",
                "attribute type         | {\"appType\":\"MSDK\",\"engagementAttributes\":[\"personal\"]} | engagementAttributes[0] must be an object",
                "attribute no type      | {\"appType\":\"MSDK\",\"engagementAttributes\":[{\"personal\":{}}]} | engagementAttributes[0].type is required",
                "attribute type type    | {\"appType\":\"MSDK\",\"engagementAttributes\":[{\"type\":1}]} | engagementAttributes[0].type must be a string",
                "impAttributes          | {\"appType\":\"MSDK\",\"impAttributes\":[]}               | impAttributes are not accepted when creating a session: send impression events with PUT",
            })
    void eachFieldRuleIs101NamingTheField(String rule, String body, String message) {
        assertThat(invalidCreate(body)).as(rule).isEqualTo(new Invalid<CreateBody>(101, message));
    }

    @Test
    void anUnknownSdeTypeNamesTheSupportedOnes() {
        assertThat(invalidCreate("{\"appType\":\"MSDK\",\"engagementAttributes\":[{\"type\":\"ctmrinfo\"},"
                                + "{\"type\":\"shoeSize\"}]}")
                        .message())
                .isEqualTo("engagementAttributes[1].type must be one of " + SDE_TYPES);
    }

    @Test
    void everyImpressionEventIsRefusedOnCreate() {
        for (String type : LivePersonRequestParser.IMPRESSION_TYPES) {
            Invalid<CreateBody> invalid = invalidCreate("{\"appType\":\"MSDK\",\"engagementAttributes\":[{\"type\":\""
                    + type + "\",\"campaign\":1,\"engId\":2,\"revision\":3}]}");

            assertThat(invalid.internalCode()).isEqualTo(101);
            assertThat(invalid.message())
                    .isEqualTo("engagementAttributes[0].type " + type + " is an impression "
                            + "event: impression events are not accepted when creating a session, send them with PUT");
        }
    }

    @Test
    void lengthAndCountLimits() {
        assertThat(invalidCreate("{\"appType\":\"MSDK\",\"appDetails\":{\"appVersion\":\"" + "1".repeat(65) + "\"}}")
                        .message())
                .isEqualTo("appDetails.appVersion must be at most 64 characters");
        validCreate("{\"appType\":\"MSDK\",\"appDetails\":{\"appVersion\":\"" + "1".repeat(64) + "\"}}");
        assertThat(invalidCreate("{\"appType\":\"MSDK\",\"consumerSections\":[\"" + "s".repeat(101) + "\"]}")
                        .message())
                .isEqualTo("consumerSections[0] must be at most 100 characters");
        String sections =
                IntStream.range(0, 51).mapToObj(i -> "\"s" + i + "\"").collect(Collectors.joining(",", "[", "]"));
        assertThat(invalidCreate("{\"appType\":\"MSDK\",\"consumerSections\":" + sections + "}")
                        .message())
                .isEqualTo("consumerSections must have at most 50 sections, got 51");
        String attributes =
                IntStream.range(0, 101).mapToObj(i -> "{\"type\":\"cart\"}").collect(Collectors.joining(",", "[", "]"));
        assertThat(invalidCreate("{\"appType\":\"MSDK\",\"engagementAttributes\":" + attributes + "}")
                        .message())
                .isEqualTo("engagementAttributes must have at most 100 entries, got 101");
    }

    @Test
    void everyBrokenRuleIsNamedAtOnce() {
        Invalid<CreateBody> invalid = invalidCreate("{\"appType\":\"WEB\",\"appDetails\":{\"os\":\"BEOS\","
                + "\"ipAddress\":\"1.2.3\"},\"consumerSections\":[1]}");

        assertThat(invalid.message())
                .isEqualTo("appType must be one of MSDK, EXTERNAL; appDetails.ipAddress must "
                        + "be an IPv4 or IPv6 address; appDetails.os must be one of WINDOWS, MAC_OSX, LINUX, IOS, ANDROID; "
                        + "consumerSections[0] must be a string");
    }

    @Test
    void unpairedSurrogatesAreRefusedNamingTheField() {
        Invalid<CreateBody> invalid = invalidCreate("{\"appType\":\"MSDK\",\"consumerSections\":[\"\\ud800\"]}");

        assertThat(invalid)
                .isEqualTo(
                        new Invalid<CreateBody>(100, "consumerSections must not contain unpaired UTF-16 surrogates"));
    }

    // ---- PUT ----------------------------------------------------------------------------------------

    @Test
    void theDocumentedUpdateBodyIsAccepted() {
        UpdateBody body = validUpdate("""
                {
                   "pageId":"4743822558",
                   "impAttributes":[
                      {"type":"impAccept","campaign":3115242510,"engId":3115242810,"revision":537,
                       "eContext":[{"type":"engagementContext","id":"1"}]},
                      {"type":"impDisplay","campaign":3115242510,"engId":3115242810,"revision":537,
                       "eContext":[{"type":"other","id":"9"},{"type":"engagementContext","id":2}]}
                   ],
                   "engagementAttributes":[
                     {"type":"personal","personal":{"firstname":"Sarah"}},
                     {"type":"impExpanded","expanded":null,"userInit":null,"actionableItems":null,
                      "campaign":"3115242510","engId":"3115242810","revision":"537"}
                   ]
                }
                """);

        assertThat(body.pageId()).isEqualTo("4743822558");
        assertThat(body.impressions())
                .containsExactly(
                        new Impression("impAccept", 3115242510L, 3115242810L, 537, "1"),
                        new Impression("impDisplay", 3115242510L, 3115242810L, 537, "2"),
                        new Impression("impExpanded", 3115242510L, 3115242810L, 537, null));
        assertThat(body.engagementAttributes().types()).containsExactly("personal");
        assertThat(body.engagementAttributes().json())
                .isEqualTo("[{\"type\":\"personal\",\"personal\":{\"firstname\":\"Sarah\"}}]");
        assertThat(body.toString()).doesNotContain("Sarah");
    }

    @Test
    void anUpdateNeedsOnlyAPageId() {
        UpdateBody body = validUpdate("{\"pageId\":\"p-1\"}");

        assertThat(body.impressions()).isEmpty();
        assertThat(body.engagementAttributes().json()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "pageId missing       | {}                                           | pageId is required",
                "pageId type          | {\"pageId\":4743822558}                      | pageId must be a string",
                "pageId pattern       | {\"pageId\":\"a b\"}                         | pageId must match ^[A-Za-z0-9_-]{1,64}$",
                "impAttributes type   | {\"pageId\":\"p\",\"impAttributes\":{}}      | impAttributes must be an array",
                "impression type      | {\"pageId\":\"p\",\"impAttributes\":[1]}     | impAttributes[0] must be an object",
                "not an impression    | {\"pageId\":\"p\",\"impAttributes\":[{\"type\":\"personal\"}]} | impAttributes[0].type must be one of impDisplay, impAccept, impExpanded, impTimeout, impClose",
                "campaign missing     | {\"pageId\":\"p\",\"impAttributes\":[{\"type\":\"impClose\",\"engId\":1,\"revision\":1}]} | impAttributes[0].campaign is required",
                "engId negative       | {\"pageId\":\"p\",\"impAttributes\":[{\"type\":\"impClose\",\"campaign\":1,\"engId\":-1,\"revision\":1}]} | impAttributes[0].engId must be a non-negative integer",
                "revision fraction    | {\"pageId\":\"p\",\"impAttributes\":[{\"type\":\"impClose\",\"campaign\":1,\"engId\":1,\"revision\":1.5}]} | impAttributes[0].revision must be a non-negative integer",
                "campaign text        | {\"pageId\":\"p\",\"impAttributes\":[{\"type\":\"impClose\",\"campaign\":\"x1\",\"engId\":1,\"revision\":1}]} | impAttributes[0].campaign must be a non-negative integer",
                "campaign too large   | {\"pageId\":\"p\",\"impAttributes\":[{\"type\":\"impClose\",\"campaign\":99999999999999999999,\"engId\":1,\"revision\":1}]} | impAttributes[0].campaign must be a non-negative integer",
                "eContext type        | {\"pageId\":\"p\",\"impAttributes\":[{\"type\":\"impClose\",\"campaign\":1,\"engId\":1,\"revision\":1,\"eContext\":{}}]} | impAttributes[0].eContext must be an array",
                "eContext entry       | {\"pageId\":\"p\",\"impAttributes\":[{\"type\":\"impClose\",\"campaign\":1,\"engId\":1,\"revision\":1,\"eContext\":[1]}]} | impAttributes[0].eContext[0] must be an object",
                "eContext id          | {\"pageId\":\"p\",\"impAttributes\":[{\"type\":\"impClose\",\"campaign\":1,\"engId\":1,\"revision\":1,\"eContext\":[{\"type\":\"engagementContext\",\"id\":true}]}]} | impAttributes[0].eContext[0].id must be a string or an integer",
                "impression in SDEs   | {\"pageId\":\"p\",\"engagementAttributes\":[{\"type\":\"impTimeout\",\"campaign\":1,\"revision\":1}]} | engagementAttributes[0].engId is required",
            })
    void eachUpdateRuleIs101NamingTheField(String rule, String body, String message) {
        assertThat(invalidUpdate(body)).as(rule).isEqualTo(new Invalid<UpdateBody>(101, message));
    }

    @Test
    void anUnknownTypeInAnUpdateNamesSdeAndImpressionTypes() {
        assertThat(invalidUpdate("{\"pageId\":\"p\",\"engagementAttributes\":[{\"type\":\"x\"}]}")
                        .message())
                .isEqualTo("engagementAttributes[0].type must be one of " + SDE_TYPES + ", " + IMPRESSION_TYPES);
    }

    @Test
    void aMalformedUpdateIs100() {
        assertThat(invalidUpdate("[]"))
                .isEqualTo(new Invalid<UpdateBody>(100, "Request body must be a JSON object, not an array"));
    }
}
