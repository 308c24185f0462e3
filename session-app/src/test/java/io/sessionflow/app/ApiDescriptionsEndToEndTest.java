package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import io.sessionflow.api.admin.ApiKeysAdminController;
import io.sessionflow.api.admin.CatalogAdminController;
import io.sessionflow.api.algoreg.AlgoregSessionController;
import io.sessionflow.api.chat.ChatSessionController;
import io.sessionflow.api.introspection.IntrospectionController;
import io.sessionflow.api.liveperson.LivePersonEngagementController;
import io.sessionflow.api.zenskar.ZenskarSessionController;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI descriptions in {@code static/openapi/}: each is served by the running app as YAML
 * and is a valid OpenAPI 3.1 document; what each documents is exactly what the app maps; and what
 * the app answers is what the documents say, status, headers, schema and the documented error
 * examples word for word (a sample per surface, each sent as the example describes).
 */
class ApiDescriptionsEndToEndTest extends EndToEndTest {

    private static final String CHAT_KEY = "pk_live_1a2b3c4d5e6f7890abcd1234ef567890";
    private static final String RESTRICTED_CHAT_KEY = "pk_live_0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static final String DISABLED_CHAT_KEY = "pk_live_deadbeefdeadbeefdeadbeefdeadbeef";
    private static final String ACME = "3f2a9c4e-8b1d-4e6f-a7c2-5d9e0b1f4a36";
    private static final String ACME_KEY = "zsk_demo_acme_5b8e2f71c4d94a06";
    private static final String ALICE = "b7e4c1a2-5f3d-4a8b-9c6e-1d2f3a4b5c6d";
    private static final String BOB = "c2d9e8f7-1a2b-4c3d-8e4f-5a6b7c8d9e0f";
    private static final String GLOBEX_CUSTOMER = "e5f6a7b8-c9d0-4e1f-a2b3-c4d5e6f7a8b9";
    private static final String NORTHWIND_KEY = "alg_demo_northwind_4f8c2d9e7a1b6053";
    private static final String VISITORS = "/liveperson/api/account/12345678/app/engagement/visitors";
    private static final String LP_CREATE = "/api/account/{accountId}/app/engagement/visitors";
    private static final String LP_VISITOR = "/api/account/{accountId}/app/engagement/visitors/{visitorId}";
    private static final String TOO_LONG_KEY = "k".repeat(256);
    private static final byte[] TOO_LARGE =
            ("{\"padding\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);

    private static final Map<String, String> CHAT = Map.of();
    private static final Map<String, String> ZENSKAR = Map.of("x-api-key", ACME_KEY, "organisation", ACME);
    private static final Map<String, String> ALGOREG = Map.of("Authorization", "Bearer " + NORTHWIND_KEY);
    private static final Map<String, String> LIVEPERSON = Map.of();
    private static final Map<String, String> ADMIN = Map.of("Authorization", "Bearer " + ADMIN_TOKEN);
    private static final Map<String, String> INTROSPECTION = Map.of(
            "Authorization", "Bearer " + INTROSPECTION_TOKEN, "Content-Type", "application/x-www-form-urlencoded");

    /** The documented operations, each with its provider's credentials and no body yet. */
    private static final Call CREATE_CHAT =
            new Call("chat", "POST", "/api/public/v1/chat/sessions", "/chat/api/public/v1/chat/sessions", CHAT, null);

    private static final Call CREATE_ZENSKAR =
            new Call("zenskar", "POST", "/customers/session", "/zenskar/customers/session", ZENSKAR, null);
    private static final Call CREATE_ALGOREG =
            new Call("algoreg", "POST", "/api/v1/session", "/algoreg/api/v1/session", ALGOREG, null);
    private static final Call READ_ALGOREG = new Call(
            "algoreg", "GET", "/api/v1/session/{session_id}", "/algoreg/api/v1/session/not-a-uuid", ALGOREG, null);
    private static final Call CREATE_LIVEPERSON =
            new Call("liveperson", "POST", LP_CREATE, VISITORS + "?v=1.0", LIVEPERSON, null);
    private static final Call UPDATE_LIVEPERSON =
            new Call("liveperson", "PUT", LP_VISITOR, VISITORS + "/v1?v=1.0", LIVEPERSON, null);
    private static final Call INTROSPECT =
            new Call("sessionflow", "POST", "/sessions/introspect", "/sessions/introspect", INTROSPECTION, null);
    private static final Call PUT_CATALOG = admin("PUT", "/admin/catalog", "/admin/catalog", null);

    /** Which controllers serve the surface each document describes. */
    private static final Map<String, List<Class<?>>> CONTROLLERS = Map.of(
            "chat", List.of(ChatSessionController.class),
            "zenskar", List.of(ZenskarSessionController.class),
            "algoreg", List.of(AlgoregSessionController.class),
            "liveperson", List.of(LivePersonEngagementController.class),
            "sessionflow",
                    List.of(IntrospectionController.class, CatalogAdminController.class, ApiKeysAdminController.class));

    private static final Map<String, String> BASE_PATHS = Map.of(
            "chat",
            "/chat",
            "zenskar",
            "/zenskar",
            "algoreg",
            "/algoreg",
            "liveperson",
            "/liveperson",
            "sessionflow",
            "");
    /**
     * LivePerson's answers to anything else below {@code /liveperson} (405 on a visitors path, 404
     * elsewhere): not operations, so described in the document's description (and checked below).
     */
    private static final Set<String> FALLBACK_HANDLERS = Set.of("methodNotAllowed", "notFound");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlerMapping;

    /** One HTTP request: {@code template} is the documented path (below the server URL) that {@code url} instantiates. */
    record Call(String document, String method, String template, String url, Map<String, String> headers, byte[] body) {

        Call withBody(String json) {
            return withBody(utf8(json));
        }

        Call withBody(byte[] bytes) {
            return new Call(document, method, template, url, headers, bytes);
        }

        Call withHeaders(Map<String, String> more) {
            return withOnlyHeaders(merged(headers, more));
        }

        /** The same call with exactly these headers: the provider's credentials left out unless given. */
        Call withOnlyHeaders(Map<String, String> only) {
            return new Call(document, method, template, url, only, body);
        }

        /** The same operation at another instance of its path. */
        Call at(String otherUrl) {
            return new Call(document, method, template, otherUrl, headers, body);
        }

        @Override
        public String toString() {
            return method + " " + url;
        }
    }

    record Exchange(int status, Map<String, List<String>> headers, String body) {

        List<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .toList();
        }
    }

    // ---- served, and valid ---------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chat", "zenskar", "algoreg", "liveperson", "sessionflow"})
    void eachDocumentIsServedAsYamlAtOpenapiAndIsAValidOpenApi31Document(String name) {
        OpenApiDocument document = OpenApiDocument.load(name);

        Exchange served = exchange(new Call(name, "GET", null, "/openapi/" + name + ".yaml", Map.of(), null));

        assertThat(served.status()).isEqualTo(200);
        assertThat(served.header("Content-Type"))
                .singleElement(InstanceOfAssertFactories.STRING)
                .startsWith("application/yaml");
        assertThat(served.body()).isEqualTo(document.text());

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(served.body(), null, options);
        assertThat(parsed.getMessages()).as("the OpenAPI parser's complaints").isEmpty();
        OpenAPI openApi = parsed.getOpenAPI();
        assertThat(openApi.getOpenapi()).matches("3\\.1\\.\\d+");
        assertThat(document.root().path("openapi").asString()).matches("3\\.1\\.\\d+");
        assertThat(openApi.getInfo().getTitle()).isNotBlank();
        assertThat(document.basePath()).isEqualTo(BASE_PATHS.get(name));

        Set<String> parserOperations = new TreeSet<>();
        openApi.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) ->
                                parserOperations.add(method.name().toLowerCase(Locale.ROOT) + " " + path)));
        Set<String> ourOperations = new TreeSet<>();
        document.operations().forEach(operation -> ourOperations.add(operation.method() + " " + operation.path()));
        assertThat(ourOperations).isEqualTo(parserOperations).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chat", "zenskar", "algoreg", "liveperson", "sessionflow"})
    void everyReferenceResolvesAndEveryExampleFitsItsSchema(String name) {
        OpenApiDocument document = OpenApiDocument.load(name);

        assertThat(document.unresolvedReferences()).isEmpty();
        List<OpenApiDocument.Example> examples = document.examples();
        assertThat(examples).isNotEmpty();
        for (OpenApiDocument.Example example : examples) {
            assertThat(document.problems(example.schema(), example.value()))
                    .as(example.where())
                    .isEmpty();
        }
    }

    @Test
    void theLivePersonCatchAllDoesNotShadowTheDescriptions() {
        assertThat(exchange(new Call("liveperson", "GET", null, "/openapi/liveperson.yaml", Map.of(), null))
                        .status())
                .isEqualTo(200);
        Exchange belowLivePerson =
                exchange(new Call("liveperson", "GET", null, "/liveperson/openapi/liveperson.yaml", Map.of(), null));
        assertThat(belowLivePerson.status()).isEqualTo(404);
        assertThat(JSON.readTree(belowLivePerson.body()).get("internalCode").asInt())
                .isEqualTo(202);
    }

    // ---- documented = mapped -----------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chat", "zenskar", "algoreg", "liveperson", "sessionflow"})
    void everyDocumentedOperationIsMappedAndEveryMappedEndpointIsDocumented(String name) {
        OpenApiDocument document = OpenApiDocument.load(name);
        Set<String> documented = new TreeSet<>();
        document.operations()
                .forEach(operation -> documented.add(operation.method().toUpperCase(Locale.ROOT) + " "
                        + normalized(document.basePath() + operation.path())));

        Set<String> mapped = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> handler :
                handlerMapping.getHandlerMethods().entrySet()) {
            HandlerMethod method = handler.getValue();
            if (!CONTROLLERS.get(name).contains(method.getBeanType())
                    || FALLBACK_HANDLERS.contains(method.getMethod().getName())) {
                continue;
            }
            Set<RequestMethod> methods = handler.getKey().getMethodsCondition().getMethods();
            assertThat(methods).as("%s maps every method", method).isNotEmpty();
            for (String pattern : handler.getKey().getPatternValues()) {
                methods.forEach(m -> mapped.add(m.name() + " " + normalized(pattern)));
            }
        }

        assertThat(mapped).isNotEmpty();
        assertThat(documented).isEqualTo(mapped);
    }

    /** Path variables as {@code {}} (their names may differ), no trailing slash (an alias the controllers map). */
    private static String normalized(String path) {
        String normalized = path.replaceAll("\\{[^}]*}", "{}");
        return normalized.length() > 1 && normalized.endsWith("/")
                ? normalized.substring(0, normalized.length() - 1)
                : normalized;
    }

    @Test
    void theLivePersonFallbacksAnswerAsTheDocumentDescribes() {
        OpenApiDocument document = OpenApiDocument.load("liveperson");
        String description = document.root().path("info").path("description").asString();
        assertThat(description)
                .contains("405 (internalCode 105, `Allow: POST, PUT`)")
                .contains("404 (internalCode 202)");

        Exchange wrongMethod = exchange(new Call("liveperson", "GET", null, VISITORS + "?v=1.0", Map.of(), null));
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Allow")).containsExactly("POST, PUT");
        assertThat(JSON.readTree(wrongMethod.body()).get("internalCode").asInt())
                .isEqualTo(105);
        JsonNode schema = document.root().at("/components/schemas/Error");
        assertThat(document.problems(schema, JSON.readTree(wrongMethod.body()))).isEmpty();

        Exchange unknownPath =
                exchange(new Call("liveperson", "POST", null, "/liveperson/api/nothing", Map.of(), utf8("{}")));
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(JSON.readTree(unknownPath.body()).get("internalCode").asInt())
                .isEqualTo(202);
        assertThat(document.problems(schema, JSON.readTree(unknownPath.body()))).isEmpty();
    }

    // ---- the documented answers are the real ones --------------------------------------------------

    static Stream<Arguments> documentedErrors() {
        return Stream.of(
                // chat
                documented(CREATE_CHAT.withBody("{\"publicKey\":"), 400, "malformedJson"),
                documented(CREATE_CHAT.withBody("[1,2]"), 400, "notAnObject"),
                documented(CREATE_CHAT.withBody("{\"publicKey\":42}"), 400, "wrongType"),
                documented(
                        CREATE_CHAT.withBody(
                                "{\"publicKey\":\"" + CHAT_KEY + "\",\"variables\":{\"tags\":[1],\"tags\":[2]}}"),
                        400,
                        "duplicateField"),
                documented(
                        CREATE_CHAT.withBody("{}").withHeaders(Map.of("Content-Type", "text/plain")),
                        400,
                        "contentType"),
                documented(CREATE_CHAT.withBody(TOO_LARGE), 400, "tooLarge"),
                documented(
                        CREATE_CHAT
                                .withBody("{\"publicKey\":\"" + CHAT_KEY + "\"}")
                                .withHeaders(Map.of("Idempotency-Key", TOO_LONG_KEY)),
                        400,
                        "idempotencyKey"),
                documented(
                        CREATE_CHAT.withBody("{\"publicKey\":\"" + DISABLED_CHAT_KEY + "\"}"), 403, "widgetDisabled"),
                documented(
                        CREATE_CHAT
                                .withBody("{\"publicKey\":\"" + RESTRICTED_CHAT_KEY + "\"}")
                                .withHeaders(Map.of("Origin", "https://evil.example")),
                        403,
                        "originNotAllowed"),
                documented(
                        CREATE_CHAT.withBody("{\"publicKey\":\"" + CHAT_KEY
                                + "\",\"customerId\":\" \",\"variables\":{\"CartTotal\":{\"a\":1}}}"),
                        422,
                        "invalidFields"),
                documented(CREATE_CHAT.withBody("{\"publicKey\":\"pk_test_123\"}"), 422, "publicKeyPattern"),
                documented(
                        CREATE_CHAT.withBody("{\"publicKey\":\"pk_live_ffffffffffffffffffffffffffffffff\"}"),
                        422,
                        "unknownWidgetKey"),
                // zenskar
                documented(
                        CREATE_ZENSKAR
                                .withOnlyHeaders(Map.of("organisation", ACME))
                                .withBody("{}"),
                        401,
                        "missingApiKey"),
                documented(
                        CREATE_ZENSKAR.withBody("{}").withHeaders(Map.of("x-api-key", "nope")), 401, "invalidApiKey"),
                documented(
                        CREATE_ZENSKAR
                                .withOnlyHeaders(Map.of("x-api-key", ACME_KEY))
                                .withBody("{}"),
                        403,
                        "explicitDeny"),
                documented(
                        CREATE_ZENSKAR.withBody("{\"return_url\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1)),
                        400,
                        "notUtf8"),
                documented(CREATE_ZENSKAR.withBody(TOO_LARGE), 413, "tooLarge"),
                documented(CREATE_ZENSKAR.withBody("{}"), 422, "emptyObject"),
                documented(
                        CREATE_ZENSKAR.withBody(
                                "{\"is_guest_session\":true,\"return_url\":\"ftp://x\",\"idle_timeout\":0,"
                                        + "\"session_key\":\"\"}"),
                        422,
                        "outOfRange"),
                documented(CREATE_ZENSKAR.withBody("{\"return_url\":"), 422, "jsonInvalid"),
                documented(CREATE_ZENSKAR.withBody("[1]"), 422, "notAnObject"),
                documented(
                        CREATE_ZENSKAR.withBody("{\"customer_id\":\"" + GLOBEX_CUSTOMER
                                + "\",\"return_url\":\"https://app.acme.example/billing\"}"),
                        422,
                        "unknownCustomer"),
                documented(
                        CREATE_ZENSKAR
                                .withBody("{\"is_guest_session\":true}")
                                .withHeaders(Map.of("Idempotency-Key", TOO_LONG_KEY)),
                        422,
                        "badIdempotencyKey"),
                // algoreg
                documented(CREATE_ALGOREG.withOnlyHeaders(Map.of()).withBody("{}"), 401, "missing"),
                documented(
                        CREATE_ALGOREG.withBody("{}").withHeaders(Map.of("Authorization", "Bearer alg_demo_wrong")),
                        401,
                        "invalid"),
                documented(
                        CREATE_ALGOREG.withBody("{}").withHeaders(Map.of("Authorization", "Token x")),
                        401,
                        "unsupportedScheme"),
                documented(CREATE_ALGOREG.withBody("not json"), 400, "notJson"),
                documented(CREATE_ALGOREG.withBody("[1]"), 400, "notAnObject"),
                documented(
                        CREATE_ALGOREG.withBody("{\"scenario_code\":\"default\",\"language\":\"fr-FR\","
                                + "\"input_data\":{\"city\":\"a\",\"city\":\"b\"}}"),
                        400,
                        "duplicateField"),
                documented(
                        CREATE_ALGOREG.withBody("{}").withHeaders(Map.of("Idempotency-Key", TOO_LONG_KEY)),
                        400,
                        "idempotencyKey"),
                documented(CREATE_ALGOREG.withBody(TOO_LARGE), 413, "tooLarge"),
                documented(
                        CREATE_ALGOREG.withBody("{}").withHeaders(Map.of("Content-Type", "text/plain")),
                        415,
                        "notJson"),
                documented(CREATE_ALGOREG.withBody("{}"), 422, "missingFields"),
                documented(
                        CREATE_ALGOREG.withBody(
                                "{\"scenario_code\":\"kyc-light\",\"language\":\"fr-FR\",\"external_id\":1.5,"
                                        + "\"input_data\":{\"birthdate\":\"2023-02-30\",\"email\":\"x\"},\"extra\":1}"),
                        422,
                        "invalidFields"),
                documented(
                        CREATE_ALGOREG.withBody("{\"scenario_code\":\"nope\",\"language\":\"fr-FR\"}"),
                        422,
                        "unknownScenario"),
                documented(
                        CREATE_ALGOREG.withBody("{\"scenario_code\":\"kyc-light\",\"language\":\"fr-FR\"}"),
                        422,
                        "languageNotEnabled"),
                documented(READ_ALGOREG, 400, "notAUuid"),
                documented(READ_ALGOREG.at("/algoreg/api/v1/session/" + UUID.randomUUID()), 404, "notFound"),
                documented(READ_ALGOREG.withOnlyHeaders(Map.of()), 401, "missing"),
                // liveperson
                documented(CREATE_LIVEPERSON.at(VISITORS).withBody("{\"appType\":\"MSDK\"}"), 400, "illegalVersion"),
                documented(CREATE_LIVEPERSON.withBody("[1]"), 400, "notAnObject"),
                documented(
                        CREATE_LIVEPERSON.withBody("{}").withHeaders(Map.of("Content-Type", "text/plain")),
                        400,
                        "contentType"),
                documented(CREATE_LIVEPERSON.withBody("{}"), 400, "appTypeRequired"),
                documented(
                        CREATE_LIVEPERSON.withBody("{\"appType\":\"IOS\",\"appDetails\":{\"ipAddress\":\"999.1.1.1\"},"
                                + "\"engagementAttributes\":[{\"type\":\"impDisplay\"}]}"),
                        400,
                        "invalidFields"),
                documented(
                        CREATE_LIVEPERSON
                                .at("/liveperson/api/account/bad-id/app/engagement/visitors?v=1.0")
                                .withBody("{\"appType\":\"MSDK\"}"),
                        400,
                        "badAccountId"),
                documented(UPDATE_LIVEPERSON.withBody("{\"pageId\":\"1\"}"), 400, "sidRequired"),
                documented(
                        CREATE_LIVEPERSON
                                .withBody("{\"appType\":\"MSDK\"}")
                                .withHeaders(Map.of("Idempotency-Key", TOO_LONG_KEY)),
                        400,
                        "idempotencyKey"),
                documented(
                        CREATE_LIVEPERSON
                                .at("/liveperson/api/account/99999999/app/engagement/visitors?v=1.0")
                                .withBody("{\"appType\":\"MSDK\"}"),
                        404,
                        "unknownAccount"),
                documented(
                        new Call(
                                "liveperson",
                                "POST",
                                LP_VISITOR,
                                VISITORS + "/v1?v=1.0&sid=nosuchsession",
                                LIVEPERSON,
                                utf8("{\"appType\":\"MSDK\"}")),
                        404,
                        "unknownSession"),
                documented(
                        new Call(
                                "liveperson",
                                "PUT",
                                LP_CREATE,
                                VISITORS + "?v=1.0",
                                LIVEPERSON,
                                utf8("{\"pageId\":\"1\"}")),
                        400,
                        "sidRequired"),
                documented(
                        new Call(
                                "liveperson",
                                "PUT",
                                LP_CREATE,
                                VISITORS + "?v=1.0&sid=abc",
                                LIVEPERSON,
                                utf8("{\"pageId\":\"1\"}")),
                        400,
                        "visitorRequired"),
                // sessionflow
                documented(
                        INTROSPECT
                                .withOnlyHeaders(Map.of("Content-Type", "application/x-www-form-urlencoded"))
                                .withBody("token=x"),
                        401,
                        "invalidToken"),
                documented(INTROSPECT.withBody("other=1"), 400, "missingToken"),
                documented(INTROSPECT.withBody("token=x"), 200, "inactive"),
                documented(
                        new Call(
                                "sessionflow",
                                "GET",
                                "/admin/catalog/entries",
                                "/admin/catalog/entries",
                                Map.of(),
                                null),
                        401,
                        "unauthorized"),
                documented(
                        admin("GET", "/admin/catalog/entries/{key}", "/admin/catalog/entries/chat:tenant:nobody", null),
                        404,
                        "noSuchEntry"),
                documented(
                        admin(
                                "DELETE",
                                "/admin/catalog/entries/{key}",
                                "/admin/catalog/entries/chat:tenant:nobody",
                                null),
                        404,
                        "noSuchEntry"),
                documented(PUT_CATALOG.withBody("{}"), 422, "noEntries"),
                documented(PUT_CATALOG.withBody("{\"chat\": {\"tenantz\": []}}"), 400, "unknownField"),
                documented(
                        PUT_CATALOG.withBody(
                                "{\"algoreg\": {\"tenants\": [{\"id\": \"northwind-bank\", \"apiKeys\": "
                                        + "[{\"sha256\": \"a3b2f2156ccdf705e74d428eadf3372f3b91138e2d759455d33bb1ec982b645e\"}]}]}}"),
                        400,
                        "bareSha256"),
                documented(
                        admin(
                                "POST",
                                "/admin/api-keys",
                                "/admin/api-keys",
                                "{\"provider\": \"algoreg\", \"tenant\": \"northwind-bank\", \"apiKey\": \"x\"}"),
                        400,
                        "unknownField"),
                documented(
                        admin(
                                "POST",
                                "/admin/api-keys",
                                "/admin/api-keys",
                                "{\"provider\": \"algoreg\", \"tenant\": \"nobody-bank\"}"),
                        422,
                        "unknownTenant"),
                documented(
                        admin(
                                "DELETE",
                                "/admin/api-keys/{provider}/{id}",
                                "/admin/api-keys/algoreg/0123456789abcdef",
                                null),
                        404,
                        "noSuchApiKey"),
                documented(
                        PUT_CATALOG
                                .withBody(
                                        "chat:\n  tenants:\n    - id: broken\n      widgetKeys: [{publicKey: pk_test_1}]\n")
                                .withHeaders(Map.of("Content-Type", "application/yaml")),
                        422,
                        "invalid"));
    }

    private static Arguments documented(Call call, int status, String example) {
        return Arguments.of(call.document() + ": " + call + " -> " + status + " " + example, call, status, example);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedErrors")
    void theDocumentedExampleIsWhatTheAppAnswers(String name, Call call, int status, String example) {
        assertAnswersAsDocumented(call, exchange(call), status, example);
    }

    static Stream<Arguments> documentedConflicts() {
        String key = "conflict-" + UUID.randomUUID();
        String sessionKey = "shared-" + UUID.randomUUID();
        Map<String, String> idempotencyKey = Map.of("Idempotency-Key", key);
        Call chat = CREATE_CHAT.withHeaders(idempotencyKey);
        Call zenskar = CREATE_ZENSKAR.withHeaders(idempotencyKey);
        Call algoreg = CREATE_ALGOREG.withHeaders(idempotencyKey);
        Call liveperson = CREATE_LIVEPERSON.withHeaders(idempotencyKey);
        Call zenskarShared = CREATE_ZENSKAR;
        return Stream.of(
                Arguments.of(
                        "chat",
                        chat.withBody("{\"publicKey\":\"" + CHAT_KEY + "\",\"locale\":\"fr-FR\"}"),
                        chat.withBody("{\"publicKey\":\"" + CHAT_KEY + "\",\"locale\":\"de-DE\"}"),
                        422,
                        "idempotencyKeyReused"),
                Arguments.of(
                        "zenskar",
                        zenskar.withBody("{\"is_guest_session\":true,\"return_url\":\"https://a.example/1\"}"),
                        zenskar.withBody("{\"is_guest_session\":true,\"return_url\":\"https://a.example/2\"}"),
                        422,
                        "idempotencyKeyReused"),
                Arguments.of(
                        "zenskar session_key",
                        zenskarShared.withBody("{\"customer_id\":\"" + ALICE
                                + "\",\"return_url\":\"https://a.example/\",\"session_key\":\"" + sessionKey + "\"}"),
                        zenskarShared.withBody("{\"customer_id\":\"" + BOB + "\",\"return_url\":\"https://a.example/\","
                                + "\"session_key\":\"" + sessionKey + "\"}"),
                        422,
                        "sessionKeyInUse"),
                Arguments.of(
                        "algoreg",
                        algoreg.withBody("{\"scenario_code\":\"default\",\"language\":\"fr-FR\"}"),
                        algoreg.withBody("{\"scenario_code\":\"default\",\"language\":\"en-GB\"}"),
                        422,
                        "idempotencyKeyReused"),
                Arguments.of(
                        "liveperson",
                        liveperson.withBody("{\"appType\":\"MSDK\"}"),
                        liveperson.withBody("{\"appType\":\"EXTERNAL\"}"),
                        422,
                        "idempotencyKeyReused"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedConflicts")
    void aDocumentedConflictIsWhatTheAppAnswers(String name, Call first, Call second, int status, String example) {
        assertThat(exchange(first).status()).as("the first request").isEqualTo(200);
        assertAnswersAsDocumented(second, exchange(second), status, example);
    }

    @Test
    void successfulAnswersHaveTheirDocumentedShape() {
        Call chat = CREATE_CHAT.withBody("{\"publicKey\":\"" + CHAT_KEY
                + "\",\"customerId\":\"c-1\",\"locale\":\"en-GB\",\"variables\":{\"tags\":[[\"a\"]]}}");
        Exchange chatSession = exchange(chat);
        assertAnswersAsDocumented(chat, chatSession, 200, null);

        Call introspect = new Call(
                "sessionflow",
                "POST",
                "/sessions/introspect",
                "/sessions/introspect",
                Map.of("Authorization", "Bearer " + INTROSPECTION_TOKEN),
                utf8("{\"token\":\""
                        + JSON.readTree(chatSession.body()).get("sessionToken").asString() + "\"}"));
        Exchange active = exchange(introspect);
        assertAnswersAsDocumented(introspect, active, 200, null);
        assertThat(JSON.readTree(active.body()).get("active").asBoolean()).isTrue();

        assertAnswersAsDocumented(
                CREATE_ZENSKAR.withBody("{\"customer_id\":\"" + ALICE
                        + "\",\"return_url\":\"https://a.example/\",\"idle_timeout\":900}"),
                null,
                200,
                null);

        Call generate =
                CREATE_ALGOREG.withBody("{\"scenario_code\":\"default\",\"language\":\"fr-FR\",\"external_id\":123,"
                        + "\"input_data\":{\"phone\":\"+352521000000\",\"birthdate\":\"1990-05-17\"}}");
        Exchange generated = exchange(generate);
        assertAnswersAsDocumented(generate, generated, 200, null);
        String sessionId = JSON.readTree(generated.body()).get("session_id").asString();
        Call read = READ_ALGOREG.at("/algoreg/api/v1/session/" + sessionId);
        assertAnswersAsDocumented(read, eventually(read, 200), 200, null);

        Call available = CREATE_LIVEPERSON.withBody("{\"appType\":\"MSDK\",\"consumerSections\":\"Support\"}");
        Exchange started = exchange(available);
        assertAnswersAsDocumented(available, started, 200, null);
        JsonNode session = JSON.readTree(started.body());
        assertThat(session.get("status").asString()).isEqualTo("Available");
        String visitor = VISITORS + "/" + session.get("visitorId").asString() + "?v=1.0&sid="
                + session.get("sessionId").asString();
        Call again = new Call(
                "liveperson",
                "POST",
                LP_VISITOR,
                visitor,
                LIVEPERSON,
                utf8("{\"appType\":\"MSDK\",\"consumerSections\":[\"Nothing\"]}"));
        Exchange notAvailable = exchange(again);
        assertAnswersAsDocumented(again, notAvailable, 200, null);
        assertThat(JSON.readTree(notAvailable.body()).get("status").asString()).isEqualTo("NotAvailable");
        assertAnswersAsDocumented(
                UPDATE_LIVEPERSON
                        .at(visitor)
                        .withBody("{\"pageId\":\"" + session.get("pageId").asString()
                                + "\",\"impAttributes\":[{\"type\":\"impDisplay\","
                                + "\"campaign\":3346848610,\"engId\":\"3562981110\",\"revision\":44}]}"),
                null,
                200,
                null);

        assertAnswersAsDocumented(
                admin("GET", "/admin/catalog/entries", "/admin/catalog/entries?prefix=algoreg:tenant:", null),
                null,
                200,
                null);
        assertAnswersAsDocumented(
                admin(
                        "GET",
                        "/admin/catalog/entries/{key}",
                        "/admin/catalog/entries/algoreg:tenant:northwind-bank",
                        null),
                null,
                200,
                null);

        Call generateKey = admin(
                "POST",
                "/admin/api-keys",
                "/admin/api-keys",
                "{\"provider\": \"algoreg\", \"tenant\": \"northwind-bank\", \"label\": \"Back office\"}");
        Exchange generatedKey = exchange(generateKey);
        assertAnswersAsDocumented(generateKey, generatedKey, 201, null);
        Call revoke = admin(
                "DELETE",
                "/admin/api-keys/{provider}/{id}",
                "/admin/api-keys/algoreg/"
                        + JSON.readTree(generatedKey.body()).get("id").asString(),
                null);
        assertAnswersAsDocumented(revoke, eventually(revoke, 204), 204, null);
    }

    /**
     * The answer has the documented status, media type, headers and schema; with {@code example}, its body
     * is that documented example (LivePerson's {@code time} aside, which is the moment of the answer).
     *
     * @param actual the answer to {@code call}, or null to send it now
     */
    private static void assertAnswersAsDocumented(Call call, Exchange actual, int status, String example) {
        Exchange answer = actual == null ? exchange(call) : actual;
        OpenApiDocument document = OpenApiDocument.load(call.document());
        OpenApiDocument.Operation operation =
                document.operation(call.template(), call.method().toLowerCase(Locale.ROOT));
        assertThat(answer.status()).as("%s answered %s", call, answer.body()).isEqualTo(status);
        JsonNode response = document.response(operation, status);

        for (Map.Entry<String, JsonNode> header : response.path("headers").properties()) {
            List<String> values = answer.header(header.getKey());
            assertThat(values).as("header %s", header.getKey()).isNotEmpty();
            JsonNode constant =
                    document.resolve(header.getValue()).path("schema").path("const");
            if (!constant.isMissingNode()) {
                assertThat(values).as("header %s", header.getKey()).containsOnly(constant.asString());
            }
        }
        if (!response.has("content")) {
            assertThat(answer.body()).as("%s documents no body", call).isEmpty();
            return;
        }
        Map.Entry<String, JsonNode> media =
                response.get("content").properties().iterator().next();
        assertThat(answer.header("Content-Type"))
                .singleElement(InstanceOfAssertFactories.STRING)
                .startsWith(media.getKey());
        JsonNode body = JSON.readTree(answer.body());
        assertThat(document.problems(media.getValue().get("schema"), body))
                .as("%s answered %s", call, body)
                .isEmpty();
        if (example == null) {
            return;
        }
        JsonNode documented = media.getValue().path("examples").path(example);
        assertThat(documented.isMissingNode())
                .as("%s documents example %s for %s", call.document(), example, status)
                .isFalse();
        JsonNode expected = OpenApiDocument.asJson(document.resolve(documented).get("value"));
        if (call.document().equals("liveperson")) {
            assertThat(body.get("time").isIntegralNumber()).isTrue();
            ((ObjectNode) expected).set("time", body.get("time"));
        }
        assertThat(body).as("%s", call).isEqualTo(expected);
    }

    private static Exchange eventually(Call call, int status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Exchange answer = exchange(call);
        while (answer.status() != status && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            answer = exchange(call);
        }
        return answer;
    }

    private static Exchange exchange(Call call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + HTTP_PORT + call.url()))
                .timeout(Duration.ofSeconds(30))
                .method(
                        call.method(),
                        call.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        Map<String, String> headers = new LinkedHashMap<>(call.headers());
        if (call.body() != null) {
            headers.putIfAbsent("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Exchange(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A call to the service's own admin API, with the admin token. */
    private static Call admin(String method, String template, String url, String json) {
        return new Call("sessionflow", method, template, url, ADMIN, json == null ? null : utf8(json));
    }

    private static Map<String, String> merged(Map<String, String> first, Map<String, String> second) {
        Map<String, String> all = new HashMap<>(first);
        all.putAll(second);
        return all;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
