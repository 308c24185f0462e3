package io.sessionflow.app;

import static io.sessionflow.app.hostile.JsonTemplate.arr;
import static io.sessionflow.app.hostile.JsonTemplate.lit;
import static io.sessionflow.app.hostile.JsonTemplate.obj;
import static io.sessionflow.app.hostile.JsonTemplate.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sessionflow.app.hostile.Draw;
import io.sessionflow.app.hostile.Endpoint;
import io.sessionflow.app.hostile.HostileBodies;
import io.sessionflow.app.hostile.HostileTargets;
import io.sessionflow.app.hostile.HostileText;
import io.sessionflow.app.hostile.JsonTemplate;
import io.sessionflow.app.hostile.ProviderFormats;
import io.sessionflow.app.hostile.RawHttp;
import io.sessionflow.app.hostile.RawHttp.Header;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionResumed;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import tools.jackson.databind.JsonNode;

/**
 * Bad input never gives a 500: property-based tests that throw generated bodies, headers, paths and
 * query strings at every endpoint, over real HTTP against the whole app (one shared Spring context
 * and broker, from {@link EndToEndTest}). Each answer must be a status the endpoint documents (a 2xx
 * when the generated request happens to be valid), in the provider's own format, without a stack
 * trace or a Java class name; a 503 is documented as retryable, so it is retried once and must not
 * come again in a healthy app. A sample of each create endpoint's 2xx answers is then audited against
 * session-events, once the processor has decided every request: each names a session decided there.
 *
 * <p>The properties are QuickTheories theories inside plain Jupiter tests, so that the Spring
 * context is the one every end-to-end test shares. Generators: {@code io.sessionflow.app.hostile}.
 * A falsified property is shrunk (bounded) and reported with its smallest request and the seed.
 *
 * <p>Budget: 1,430 generated requests in all (150 per create endpoint, fewer for reads and the
 * narrower LivePerson variants), about a third of them valid enough to go through Kafka; measured at
 * about 65 seconds for the class on two cores, the shared context's start aside. The seed is fixed, so
 * a run is reproducible. More tries or another seed:
 * <pre>
 * mvn -B -ntp verify -pl session-app -am -Dtest=HostileInputEndToEndTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dhostile.scale=20 -Dhostile.seed=random
 * </pre>
 * ({@code hostile.scale} multiplies every property's tries; {@code hostile.seed} takes a number or
 * {@code random}; the seed used is printed with each property.)
 */
class HostileInputEndToEndTest extends EndToEndTest {

    private static final long DEFAULT_SEED = 20_260_601L;
    private static final int SHRINK_CYCLES = 200;

    private static final String OPEN_WIDGET_KEY = "pk_live_1a2b3c4d5e6f7890abcd1234ef567890";
    private static final String ALGOREG_TENANT = "northwind-bank";
    private static final String ALGOREG_KEY = "alg_demo_northwind_4f8c2d9e7a1b6053";
    private static final String ZENSKAR_KEY = "zsk_demo_acme_5b8e2f71c4d94a06";
    private static final String ZENSKAR_ORGANISATION = "3f2a9c4e-8b1d-4e6f-a7c2-5d9e0b1f4a36";
    private static final String ZENSKAR_CUSTOMER = "b7e4c1a2-5f3d-4a8b-9c6e-1d2f3a4b5c6d";
    private static final String LIVEPERSON_ACCOUNT = "12345678";
    private static final String CHAT_PATH = "/chat/api/public/v1/chat/sessions";
    private static final String ALGOREG_PATH = "/algoreg/api/v1/session";
    private static final String ZENSKAR_PATH = "/zenskar/customers/session";
    private static final String VISITORS = "/liveperson/api/account/" + LIVEPERSON_ACCOUNT + "/app/engagement/visitors";
    private static final String INTROSPECTION_PATH = "/sessions/introspect";
    private static final String ADMIN_PATH = "/admin/catalog";
    private static final String ENTRIES = ADMIN_PATH + "/entries";
    private static final String API_KEYS_PATH = "/admin/api-keys";
    private static final int MAX_API_KEY_REQUEST = 16_384;
    private static final int MAX_BODY = 65_536;
    private static final int MAX_ADMIN_DOCUMENT = 1024 * 1024;

    private static final Header JSON_CONTENT = new Header("Content-Type", "application/json");
    private static final Header ADMIN_AUTH = new Header("Authorization", "Bearer " + ADMIN_TOKEN);

    /** What every surface answers for a path or a method it does not have (docs/bad-input.md). */
    private static final Set<Integer> EVERY_SURFACE = Set.of(404, 405);

    /** Statuses seen per property, reported when it holds. */
    private final Map<Integer, AtomicInteger> seen = new ConcurrentHashMap<>();
    /** The 2xx answers of the create endpoints in this property, audited against session-events after it. */
    private final List<AnsweredCreate> answeredCreates = new ArrayList<>();
    /** 2xx answers audited per create endpoint: evenly spread over the run */
    private static final int AUDIT_SAMPLE = 25;

    private static final Pattern ZENSKAR_REDIRECT = Pattern.compile("https://[^/]+/session/([0-9a-f-]{36})\\?.*");
    private static final Pattern LIVEPERSON_ACCOUNT_SEGMENT = Pattern.compile("/liveperson/api/account/([^/]+)/.*");

    // ---- the chat widget ---------------------------------------------------------------------------

    @Test
    void chatCreateSession() {
        JsonTemplate valid = obj(
                "publicKey",
                str(OPEN_WIDGET_KEY),
                "customerId",
                str("customer-42"),
                "locale",
                str("en-GB"),
                "variables",
                obj("cart_total", lit("129"), "page_path", str("/pricing"), "tags", arr(str("returning"), str("vip"))));
        attack(
                at("chat create", "POST", CHAT_PATH)
                        .headers(List.of(JSON_CONTENT, new Header("Origin", "https://shop.acme.example")), "Origin")
                        .jsonBodies(MAX_BODY, valid)
                        .answers(
                                Set.of(200, 400, 403, 422),
                                200,
                                ProviderFormats.CHAT,
                                ProviderFormats.successFields(
                                        "sessionToken",
                                        "conversationId",
                                        "expiresAt",
                                        "widget",
                                        "intents",
                                        "quickQuestions")),
                150);
    }

    // ---- Algoreg -----------------------------------------------------------------------------------

    @Test
    void algoregGenerateSession() {
        JsonTemplate valid = obj(
                "scenario_code",
                str("default"),
                "language",
                str("fr-FR"),
                "external_id",
                lit("123"),
                "input_data",
                obj(
                        "firstname",
                        str("Jane"),
                        "lastname",
                        str("Doe"),
                        "phone",
                        str("+352521000000"),
                        "birthdate",
                        str("1990-05-17"),
                        "address",
                        str("1 Main Street"),
                        "zip",
                        str("L-1234"),
                        "country",
                        str("Luxembourg"),
                        "city",
                        str("Luxembourg")));
        attack(
                at("algoreg generate", "POST", ALGOREG_PATH)
                        .headers(
                                List.of(JSON_CONTENT, new Header("Authorization", "Bearer " + ALGOREG_KEY)),
                                "Authorization")
                        .jsonBodies(MAX_BODY, valid)
                        .answers(
                                Set.of(200, 400, 401, 413, 415, 422),
                                200,
                                ProviderFormats.ALGOREG,
                                ProviderFormats.successFields("session_id", "customer_reference", "start_date")),
                150);
    }

    @Test
    void algoregReadSession() {
        Response created = post(
                ALGOREG_PATH,
                "{\"scenario_code\":\"default\",\"language\":\"en-GB\"}",
                Map.of("Authorization", "Bearer " + ALGOREG_KEY));
        assertThat(created.status()).isEqualTo(200);
        List<String> ids = List.of(
                created.body().get("session_id").asString(), UUID.randomUUID().toString());
        String basic = Base64.getEncoder()
                .encodeToString((ALGOREG_TENANT + ":" + ALGOREG_KEY).getBytes(StandardCharsets.UTF_8));
        attack(
                Endpoint.of("algoreg read", "GET")
                        .targets(
                                Draw.gen(d -> ALGOREG_PATH + "/" + d.pick(ids)),
                                Draw.gen(d -> ALGOREG_PATH + "/" + HostileTargets.segment(d, ids)
                                        + HostileTargets.garbageQuery(d)))
                        .headers(List.of(new Header("Authorization", "Basic " + basic)), "Authorization")
                        .answers(
                                Set.of(200, 400, 401, 404),
                                200,
                                ProviderFormats.ALGOREG,
                                ProviderFormats.successFields(
                                        "session_id",
                                        "customer_reference",
                                        "scenario_code",
                                        "language",
                                        "state",
                                        "start_date",
                                        "expiry_date")),
                100);
    }

    // ---- Zenskar -----------------------------------------------------------------------------------

    @Test
    void zenskarCreateSession() {
        JsonTemplate customer = obj(
                "customer_id",
                str(ZENSKAR_CUSTOMER),
                "is_guest_session",
                lit("null"),
                "return_url",
                str("https://app.acme.example/billing?tab=1"),
                "idle_timeout",
                lit("900"),
                "session_key",
                str("fuzz-session"));
        JsonTemplate guest = obj(
                "is_guest_session",
                lit("true"),
                "return_url",
                str("https://app.acme.example/pricing"),
                "session_key",
                lit("null"));
        attack(
                at("zenskar create", "POST", ZENSKAR_PATH)
                        .headers(
                                List.of(
                                        JSON_CONTENT,
                                        new Header("x-api-key", ZENSKAR_KEY),
                                        new Header("organisation", ZENSKAR_ORGANISATION)),
                                "x-api-key",
                                "organisation")
                        .jsonBodies(MAX_BODY, customer, guest)
                        .answers(
                                Set.of(200, 400, 401, 403, 413, 422),
                                200,
                                ProviderFormats.ZENSKAR,
                                ProviderFormats.successFields("redirect_url", "session_token", "is_guest_session")),
                150);
    }

    // ---- LivePerson --------------------------------------------------------------------------------

    private static final JsonTemplate LIVEPERSON_CREATE = obj(
            "appType",
            str("MSDK"),
            "appDetails",
            obj(
                    "os",
                    str("MAC_OSX"),
                    "osVersion",
                    str("1.2"),
                    "appVersion",
                    str("1.0"),
                    "deviceFamily",
                    str("MOBILE"),
                    "ipAddress",
                    str("192.168.5.2")),
            "consumerSections",
            arr(str("Support"), str("English")),
            "engagementAttributes",
            arr(obj(
                    "type",
                    str("personal"),
                    "personal",
                    obj("firstname", str("Sarah"), "age", obj("age", lit("30.0"), "year", lit("1986"))))));

    private static final JsonTemplate LIVEPERSON_UPDATE = obj(
            "pageId",
            str("4743822558"),
            "impAttributes",
            arr(obj(
                    "type",
                    str("impDisplay"),
                    "campaign",
                    lit("3346848610"),
                    "engId",
                    lit("3562981110"),
                    "revision",
                    lit("44"),
                    "eContext",
                    arr(obj("type", str("engagementContext"), "id", str("1"))))),
            "engagementAttributes",
            arr(obj("type", str("cart"), "total", lit("11.7"))));

    @Test
    void livePersonCreateSessionWithoutVisitor() {
        attack(
                livePerson(
                        "liveperson create",
                        "POST",
                        LIVEPERSON_CREATE,
                        Draw.gen(d -> VISITORS + "?v=1.0"),
                        Draw.gen(d -> visitors(d) + (d.chance(20) ? "/" : "") + livePersonQuery(d, null)),
                        200),
                120);
    }

    @Test
    void livePersonContinueSessionWithVisitor() {
        JsonNode session = livePersonSession();
        attack(
                livePerson(
                        "liveperson continue",
                        "POST",
                        LIVEPERSON_CREATE,
                        visitorTarget(session),
                        aroundVisitorTarget(session),
                        200),
                120);
    }

    @Test
    void livePersonUpdateSessionWithVisitor() {
        JsonNode session = livePersonSession();
        attack(
                livePerson(
                        "liveperson update",
                        "PUT",
                        LIVEPERSON_UPDATE,
                        visitorTarget(session),
                        aroundVisitorTarget(session),
                        200),
                120);
    }

    /** Without a visitorId in the path, an update is refused whatever else is right. */
    @Test
    void livePersonUpdateSessionWithoutVisitor() {
        String sid = livePersonSession().get("sessionId").asString();
        attack(
                livePerson(
                        "liveperson update without visitor",
                        "PUT",
                        LIVEPERSON_UPDATE,
                        Draw.gen(d -> VISITORS + "?v=1.0&sid=" + sid),
                        Draw.gen(d -> visitors(d) + (d.chance(20) ? "/" : "") + livePersonQuery(d, sid)),
                        400),
                60);
    }

    private static Endpoint livePerson(
            String name,
            String method,
            JsonTemplate valid,
            Gen<String> validTargets,
            Gen<String> hostileTargets,
            int validStatus) {
        return Endpoint.of(name, method)
                .targets(validTargets, hostileTargets)
                .headers(List.of(JSON_CONTENT))
                .jsonBodies(MAX_BODY, valid)
                .answers(
                        Set.of(200, 400, 404, 422),
                        validStatus,
                        ProviderFormats.LIVEPERSON,
                        method.equals("PUT")
                                ? ProviderFormats.emptyBody()
                                : ProviderFormats.successObject(
                                        Set.of("status", "sessionId", "visitorId", "pageId"),
                                        Set.of("engagementDetails")));
    }

    private static JsonNode livePersonSession() {
        Response created =
                post(VISITORS + "?v=1.0", "{\"appType\":\"MSDK\",\"consumerSections\":[\"Support\"]}", Map.of());
        assertThat(created.status()).isEqualTo(200);
        return created.body();
    }

    private static Gen<String> visitorTarget(JsonNode session) {
        return Draw.gen(d -> VISITORS + "/" + session.get("visitorId").asString() + "?v=1.0&sid="
                + session.get("sessionId").asString());
    }

    private static Gen<String> aroundVisitorTarget(JsonNode session) {
        String visitorId = session.get("visitorId").asString();
        String sid = session.get("sessionId").asString();
        return Draw.gen(d -> visitors(d) + "/" + HostileTargets.segment(d, List.of(visitorId, "returning_visitor-1"))
                + livePersonQuery(d, sid));
    }

    private static String visitors(Draw d) {
        return "/liveperson/api/account/"
                + HostileTargets.segment(d, List.of(LIVEPERSON_ACCOUNT, "demo_no_engagement", "unknown_account"))
                + "/app/engagement/visitors";
    }

    /** {@code v} and {@code sid} valid, odd, missing or repeated, in any order, with garbage around them. */
    private static String livePersonQuery(Draw d, String sid) {
        List<String> parts = new ArrayList<>();
        for (int i = d.weighted(1, 12, 2); i > 0; i--) {
            parts.add("v="
                    + (d.chance(70)
                            ? d.pick("1.0", "1", "1.00")
                            : d.pick(
                                    "01",
                                    "1.0.0",
                                    "2",
                                    "0",
                                    "-1",
                                    "1e0",
                                    "1.",
                                    "",
                                    "abc",
                                    "%31.0",
                                    "1%2E0",
                                    "1.0%00",
                                    "1.0+",
                                    "+1",
                                    "1,0",
                                    "%D9%A1",
                                    "1.0000000001",
                                    HostileText.repeat("1", 100))));
        }
        if (sid != null || d.chance(30)) {
            for (int i = d.weighted(2, 10, 1); i > 0; i--) {
                parts.add(d.pick("sid=", "sid")
                        + (sid != null && d.chance(70)
                                ? sid
                                : HostileTargets.segment(
                                        d, List.of(UUID.randomUUID().toString(), ""))));
            }
        }
        if (d.chance(20)) {
            parts.add(HostileTargets.garbageQuery(d).replaceFirst("^\\?", ""));
        }
        for (int i = parts.size() - 1; i > 0; i--) {
            parts.add(d.between(0, i), parts.remove(i));
        }
        return "?" + String.join("&", parts);
    }

    // ---- introspection -----------------------------------------------------------------------------

    @Test
    void introspection() {
        Response chat = post(CHAT_PATH, "{\"publicKey\":\"" + OPEN_WIDGET_KEY + "\"}", Map.of());
        assertThat(chat.status()).isEqualTo(200);
        String token = chat.body().get("sessionToken").asString();
        Gen<byte[]> validForm = Draw.gen(d -> ("token=" + token).getBytes(StandardCharsets.US_ASCII));
        Gen<byte[]> hostileForm = Draw.gen(d -> ("token="
                        + (d.chance(50)
                                ? token.substring(0, d.between(0, token.length() - 1))
                                : HostileTargets.segment(d, List.of(token)))
                        + (d.chance(30) ? "&" + HostileTargets.garbageQuery(d).replaceFirst("^\\?", "") : ""))
                .getBytes(StandardCharsets.ISO_8859_1));
        Gen<byte[]> hostileJson =
                HostileBodies.around(obj("token", str(token), "token_type_hint", str("access_token")), 16 * 1024);
        attack(
                at("introspection", "POST", INTROSPECTION_PATH)
                        .headers(
                                List.of(
                                        new Header("Content-Type", "application/x-www-form-urlencoded"),
                                        new Header("Authorization", "Bearer " + INTROSPECTION_TOKEN)),
                                "Authorization")
                        .bodies(validForm, hostileForm.mix(hostileJson))
                        .answers(
                                Set.of(200, 400, 401, 413),
                                200,
                                ProviderFormats.OAUTH,
                                ProviderFormats.successObject(
                                        Set.of("active"),
                                        Set.of(
                                                "token_type",
                                                "sub",
                                                "session_key",
                                                "provider",
                                                "tenant_id",
                                                "iat",
                                                "exp",
                                                "iss"))),
                120);
    }

    // ---- the catalog admin API ---------------------------------------------------------------------

    @Test
    void adminListEntries() {
        attack(
                Endpoint.of("admin list", "GET")
                        .targets(
                                Draw.gen(d -> ENTRIES + d.pick("", "?prefix=chat:", "?prefix=zenskar:api-key:")),
                                Draw.gen(d -> ENTRIES
                                        + (d.chance(50)
                                                ? "?prefix="
                                                        + HostileTargets.segment(
                                                                d, List.of("chat:", "zenskar:api-key:", ""))
                                                : HostileTargets.garbageQuery(d))))
                        .headers(List.of(ADMIN_AUTH), "Authorization")
                        .answers(
                                Set.of(200, 400, 401),
                                200,
                                ProviderFormats.PROBLEM_DETAILS,
                                ProviderFormats.successArray()),
                60);
    }

    @Test
    void adminReadEntry() {
        List<String> keys = List.copyOf(catalogKeys());
        attack(
                Endpoint.of("admin read", "GET")
                        .targets(
                                Draw.gen(d -> ENTRIES + "/" + d.pick(keys)),
                                Draw.gen(d -> ENTRIES + "/" + HostileTargets.segment(d, keys)
                                        + HostileTargets.garbageQuery(d)))
                        .headers(List.of(ADMIN_AUTH), "Authorization")
                        .answers(
                                Set.of(200, 400, 401, 404),
                                200,
                                ProviderFormats.PROBLEM_DETAILS,
                                ProviderFormats.successFields("key", "updatedAt", "value")),
                80);
    }

    /** Deletes only what the tests made up: an entry of the shared catalog is never a target. */
    @Test
    void adminDeleteEntry() {
        Set<String> existing = catalogKeys();
        List<String> madeUp = List.of("chat:tenant:fuzz-nobody", "zenskar:customer:" + UUID.randomUUID());
        attack(
                Endpoint.of("admin delete", "DELETE")
                        .targets(
                                Draw.gen(d -> ENTRIES + "/" + d.pick(madeUp)),
                                Draw.gen(d -> ENTRIES + "/" + HostileTargets.segment(d, madeUp)
                                                + HostileTargets.garbageQuery(d))
                                        .assuming(target -> !namesAny(target, existing)))
                        .headers(List.of(ADMIN_AUTH), "Authorization")
                        .answers(
                                Set.of(204, 400, 401, 404),
                                404,
                                ProviderFormats.PROBLEM_DETAILS,
                                ProviderFormats.emptyBody()),
                80);
    }

    /** Writes only made-up entries: a document that names an id of the shared catalog is never sent. */
    @Test
    void adminPutCatalogDocument() {
        Set<String> protectedIds = new HashSet<>();
        catalogKeys()
                .forEach(key -> protectedIds.add(key.substring(key.indexOf(':', key.indexOf(':') + 1) + 1)
                        .toLowerCase(Locale.ROOT)));
        JsonTemplate valid = obj(
                "chat",
                obj(
                        "tenants",
                        arr(obj(
                                "id",
                                str("fuzz-tenant"),
                                "name",
                                str("Fuzz"),
                                "flows",
                                arr(obj(
                                        "id",
                                        str("fuzz-flow"),
                                        "published",
                                        lit("true"),
                                        "intent",
                                        obj(
                                                "name",
                                                str("fuzz_intent"),
                                                "displayLabel",
                                                str("Fuzz"),
                                                "priority",
                                                lit("1")))),
                                "quickQuestions",
                                arr(obj(
                                        "question",
                                        str("Fuzz?"),
                                        "pageType",
                                        str("general"),
                                        "flowId",
                                        str("fuzz-flow"))),
                                "widgetKeys",
                                arr(obj(
                                        "publicKey",
                                        str("pk_live_f0220000000000000000000000000001"),
                                        "label",
                                        str("Fuzz"),
                                        "enabled",
                                        lit("true"),
                                        "allowedOrigins",
                                        arr(str("https://fuzz.example")),
                                        "allowsAllIntents",
                                        lit("true")))))),
                "zenskar",
                obj(
                        "organisations",
                        arr(obj(
                                "id",
                                str("f0220000-0000-4000-8000-000000000001"),
                                "portalUrl",
                                str("https://portal.fuzz.example"),
                                "apiKeys",
                                arr(obj(
                                        "sha256",
                                        str("f022f022f022f022f022f022f022f022f022f022f022f022f022f022f022f022"))),
                                "customers",
                                arr(obj("id", str("f0220000-0000-4000-8000-000000000002")))))),
                "algoreg",
                obj(
                        "tenants",
                        arr(obj(
                                "id",
                                str("fuzz-bank"),
                                "scenarios",
                                arr(obj("code", str("fuzz"), "languages", arr(str("en-GB"))))))),
                "liveperson",
                obj(
                        "accounts",
                        arr(obj(
                                "id",
                                str("fuzz_account"),
                                "campaigns",
                                arr(obj(
                                        "id",
                                        lit("1"),
                                        "engagements",
                                        arr(obj(
                                                "id",
                                                lit("2"),
                                                "windowId",
                                                str("3"),
                                                "contextId",
                                                str("1"),
                                                "language",
                                                str("en-US"),
                                                "revision",
                                                lit("1"),
                                                "validForSeconds",
                                                lit("60")))))))));
        Gen<byte[]> hostile = HostileBodies.around(valid, MAX_ADMIN_DOCUMENT)
                .assuming(body -> !mentionsAny(new String(body, StandardCharsets.UTF_8), protectedIds));
        // the document imports a Zenskar key by its SHA-256: taken only as an explicit import
        attack(
                Endpoint.of("admin put", "PUT")
                        .targets(fixed(ADMIN_PATH + "?import-sha256-keys=true"), aroundPath(ADMIN_PATH))
                        .headers(List.of(ADMIN_AUTH, JSON_CONTENT), "Authorization")
                        .bodies(Draw.gen(d -> valid.render().getBytes(StandardCharsets.UTF_8)), hostile)
                        .answers(
                                Set.of(200, 400, 401, 413, 422),
                                200,
                                ProviderFormats.PROBLEM_DETAILS,
                                ProviderFormats.successFields("keys")),
                120);
    }

    /** Each valid request generates a real key of a demo tenant or organisation: harmless, never shown to anyone. */
    @Test
    void adminGenerateApiKey() {
        JsonTemplate algoreg = obj("provider", str("algoreg"), "tenant", str(ALGOREG_TENANT), "label", str("Fuzz"));
        JsonTemplate zenskar = obj("provider", str("zenskar"), "organisation", str(ZENSKAR_ORGANISATION));
        attack(
                at("admin generate api key", "POST", API_KEYS_PATH)
                        .headers(List.of(ADMIN_AUTH, JSON_CONTENT), "Authorization")
                        .jsonBodies(MAX_API_KEY_REQUEST, algoreg, zenskar)
                        .answers(
                                Set.of(201, 400, 401, 413, 422),
                                201,
                                ProviderFormats.PROBLEM_DETAILS,
                                ProviderFormats.successObject(
                                        Set.of("id", "provider", "apiKey"), Set.of("tenant", "organisation", "label"))),
                80);
    }

    @Test
    void adminRevokeApiKey() {
        String unknown = API_KEYS_PATH + "/algoreg/0123456789abcdef";
        attack(
                at("admin revoke api key", "DELETE", unknown)
                        .headers(List.of(ADMIN_AUTH), "Authorization")
                        .answers(
                                Set.of(204, 400, 401, 404),
                                404,
                                ProviderFormats.PROBLEM_DETAILS,
                                ProviderFormats.emptyBody()),
                60);
    }

    private static Set<String> catalogKeys() {
        Response listed = get("/admin/catalog/entries", Map.of("Authorization", ADMIN_AUTH.value()));
        assertThat(listed.status()).isEqualTo(200);
        Set<String> keys = new HashSet<>();
        listed.body().forEach(entry -> keys.add(entry.get("key").asString()));
        assertThat(keys).isNotEmpty();
        return keys;
    }

    private static boolean namesAny(String target, Set<String> keys) {
        String path = target.split("\\?", 2)[0];
        String segment = path.substring(path.lastIndexOf('/') + 1);
        try {
            segment = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notDecodable) {
            // compared as sent
        }
        String lower = segment.toLowerCase(Locale.ROOT);
        return keys.stream().anyMatch(key -> key.toLowerCase(Locale.ROOT).equals(lower));
    }

    private static boolean mentionsAny(String body, Set<String> ids) {
        String lower = body.toLowerCase(Locale.ROOT);
        return ids.stream().anyMatch(lower::contains);
    }

    // ---- the property -------------------------------------------------------------------------------

    private void attack(Endpoint endpoint, int tries) {
        long seed = seed();
        int examples = Math.max(1, tries * Integer.getInteger("hostile.scale", 1));
        long started = System.nanoTime();
        qt().withFixedSeed(seed)
                .withExamples(1)
                .forAll(endpoint.validRequests())
                .checkAssert(request -> {
                    RawHttp.Response response = exchange(request);
                    assertThat(response.status())
                            .as("%s: the valid request%n%s", endpoint.name(), request)
                            .isEqualTo(endpoint.validStatus());
                    recordIfCreated(endpoint, request, response);
                });
        qt().withFixedSeed(seed)
                .withExamples(examples)
                .withShrinkCycles(SHRINK_CYCLES)
                .forAll(endpoint.requests())
                .checkAssert(request -> answersAsDocumented(endpoint, request));
        int audited = auditAnsweredCreates(endpoint);
        System.out.printf(
                "%s: %d requests (seed %d) in %d ms: statuses %s%s%n",
                endpoint.name(),
                examples,
                seed,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                new TreeMap<>(seen),
                audited == 0 ? "" : "; 2xx answers audited on session-events " + audited);
    }

    /** A 2xx answer of a create endpoint: which session it names. */
    private record AnsweredCreate(String endpoint, RawHttp.Request request, JsonNode answer) {}

    private void recordIfCreated(Endpoint endpoint, RawHttp.Request request, RawHttp.Response response) {
        if (response.status() == 200 && endpoint.method().equals("POST") && createsSessions(endpoint.name())) {
            synchronized (answeredCreates) {
                answeredCreates.add(new AnsweredCreate(endpoint.name(), request, JSON.readTree(response.text())));
            }
        }
    }

    private static boolean createsSessions(String endpoint) {
        return endpoint.equals("chat create")
                || endpoint.equals("algoreg generate")
                || endpoint.equals("zenskar create")
                || endpoint.startsWith("liveperson create")
                || endpoint.startsWith("liveperson continue");
    }

    /**
     * Once the processor has decided every request sent, a sample of the property's 2xx create answers
     * must each name a session that session-events holds with its decision: the session created (or, for a
     * Zenskar session_key or a LivePerson continue, resumed) under that id and key. A 2xx answer made up
     * without Kafka, or a session answered that was never decided, fails it.
     * @return how many answers were audited
     */
    private int auditAnsweredCreates(Endpoint endpoint) {
        if (!createsSessions(endpoint.name()) || !endpoint.method().equals("POST")) {
            return 0;
        }
        List<AnsweredCreate> answers;
        synchronized (answeredCreates) {
            answers = List.copyOf(answeredCreates);
        }
        assertThat(answers).as("%s: 2xx answers to audit", endpoint.name()).isNotEmpty();
        List<AnsweredCreate> sample = new ArrayList<>();
        for (int i = 0; i < Math.min(AUDIT_SAMPLE, answers.size()); i++) {
            sample.add(answers.get(i * answers.size() / Math.min(AUDIT_SAMPLE, answers.size())));
        }
        awaitAllRequestsDecided();
        Map<String, List<SessionEvent>> byKey = new HashMap<>();
        Map<String, List<SessionEvent>> bySessionId = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : readSessionEvents()) {
            SessionEvent event =
                    Topics.SESSION_EVENTS.valueSerde().deserializer().deserialize("", record.value());
            byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(event);
            String sessionId = event.getPayload() instanceof SessionCreated c
                    ? c.getSessionId()
                    : event.getPayload() instanceof SessionResumed r ? r.getSessionId() : null;
            if (sessionId != null) {
                bySessionId.computeIfAbsent(sessionId, k -> new ArrayList<>()).add(event);
            }
        }
        List<String> problems = new ArrayList<>();
        for (AnsweredCreate answered : sample) {
            List<SessionEvent> decisions = decisionsOf(answered, byKey, bySessionId);
            if (decisions.stream()
                    .noneMatch(e ->
                            e.getPayload() instanceof SessionCreated || e.getPayload() instanceof SessionResumed)) {
                problems.add(answered.request() + "\nanswered " + answered.answer() + "\nsession-events: " + decisions);
            }
        }
        assertThat(problems)
                .as("%s: 2xx answers whose session session-events does not hold as decided", endpoint.name())
                .isEmpty();
        return sample.size();
    }

    private static List<SessionEvent> decisionsOf(
            AnsweredCreate answered,
            Map<String, List<SessionEvent>> byKey,
            Map<String, List<SessionEvent>> bySessionId) {
        JsonNode answer = answered.answer();
        String sessionId = switch (answered.endpoint()) {
            case "chat create" -> answer.path("conversationId").asString();
            case "algoreg generate" -> answer.path("session_id").asString();
            case "zenskar create" -> {
                Matcher redirect =
                        ZENSKAR_REDIRECT.matcher(answer.path("redirect_url").asString());
                yield redirect.matches() ? redirect.group(1) : "";
            }
            default -> null;
        };
        if (sessionId != null) {
            return bySessionId.getOrDefault(sessionId, List.of());
        }
        // LivePerson: events carry no sid, only the session key derived from account and sid
        Matcher account = LIVEPERSON_ACCOUNT_SEGMENT.matcher(answered.request().target());
        String accountId = account.matches()
                ? URLDecoder.decode(account.group(1).replace("+", "%2B"), StandardCharsets.UTF_8)
                : "";
        return byKey.getOrDefault(
                SESSION_KEYS.derivedKey(
                        "liveperson", accountId, answer.path("sessionId").asString()),
                List.of());
    }

    private void answersAsDocumented(Endpoint endpoint, RawHttp.Request request) {
        RawHttp.Response response = exchange(request);
        List<String> problems = new ArrayList<>();
        if (response.status() == 503) {
            // documented as retryable: retried once after Retry-After, it must be answered in a healthy app
            endpoint.errors().check(response, problems);
            String retryAfter = response.header("Retry-After").orElse("");
            if (!retryAfter.matches("\\d{1,2}")) {
                problems.add("a 503 without a Retry-After in seconds");
            } else {
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(Math.min(5, Integer.parseInt(retryAfter))));
            }
            response = exchange(request);
        }
        seen.computeIfAbsent(response.status(), s -> new AtomicInteger()).incrementAndGet();
        if (request.malformedHttp()) {
            // refused by the servlet container before any application code: its own 400, never a 5xx
            if (response.status() < 400 || response.status() >= 500) {
                problems.add("malformed HTTP answered " + response.status() + " instead of a 4xx");
            }
        } else if (!endpoint.statuses().contains(response.status()) && !EVERY_SURFACE.contains(response.status())) {
            problems.add("status " + response.status() + " is not one this endpoint documents " + endpoint.statuses());
        }
        if (response.status() >= 200 && response.status() < 300) {
            endpoint.success().check(response, problems);
            if (problems.isEmpty()) {
                recordIfCreated(endpoint, request, response);
            }
        } else if (!request.malformedHttp()) {
            endpoint.errors().check(response, problems);
        }
        ProviderFormats.noLeaks(response, echoable(request), problems);
        assertThat(problems).as("%s answered%n%s", endpoint.name(), response).isEmpty();
    }

    private static RawHttp.Response exchange(RawHttp.Request request) {
        try {
            return RawHttp.exchange(HTTP_PORT, request);
        } catch (IOException e) {
            throw new UncheckedIOException("No HTTP answer: " + e, e);
        }
    }

    /** Everything of the request a message could quote back, decoded every way it might be. */
    private static String echoable(RawHttp.Request request) {
        StringBuilder text = new StringBuilder(request.target());
        try {
            text.append(URLDecoder.decode(request.target().replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notDecodable) {
            // the raw target is there already
        }
        request.headers().forEach(h -> text.append(h.value()));
        if (request.body() != null) {
            text.append(new String(request.body(), StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    /** The endpoint at one path: valid requests go to it, hostile ones to it and around it. */
    private static Endpoint.Builder at(String name, String method, String path) {
        return Endpoint.of(name, method).targets(fixed(path), aroundPath(path));
    }

    private static Gen<String> fixed(String path) {
        return Draw.gen(d -> path);
    }

    /** The path with a trailing slash, a path parameter, another segment, odd encoding or case, and a query. */
    private static Gen<String> aroundPath(String path) {
        return Draw.gen(d -> (switch (d.weighted(6, 1, 1, 1, 1, 1, 1)) {
                    case 0 -> path;
                    case 1 -> path + "/";
                    case 2 -> path + ";jsessionid=" + HostileText.plain(d, 1, 8).replace(" ", "");
                    case 3 ->
                        path.substring(0, path.length() - 1) + "%"
                                + String.format("%02X", (int) path.charAt(path.length() - 1));
                    case 4 -> path.replaceFirst("/", "//");
                    case 5 -> path.toUpperCase(Locale.ROOT);
                    default -> path + "/" + HostileTargets.segment(d, List.of("x"));
                })
                + HostileTargets.garbageQuery(d));
    }

    private static long seed() {
        String configured = System.getProperty("hostile.seed", "");
        if (configured.equalsIgnoreCase("random")) {
            return System.nanoTime();
        }
        return configured.isBlank() ? DEFAULT_SEED : Long.parseLong(configured);
    }
}
