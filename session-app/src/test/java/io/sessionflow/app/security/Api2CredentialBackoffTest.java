package io.sessionflow.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import io.sessionflow.app.EndToEndTest;
import org.junit.jupiter.api.Test;

/**
 * OWASP API2 (broken authentication: credential stuffing, guessing): after a number of refused credentials
 * from one client address (or naming one tenant) every call is answered 429 with {@code Retry-After}, before
 * its credential is even checked, until the window passes; the right credential from another address still
 * works. For every credentialed surface: Algoreg, Zenskar, introspection, the admin API. Addresses come from
 * {@code X-Forwarded-For} (trusted from loopback), so the back-off never reaches the other tests.
 */
class Api2CredentialBackoffTest extends EndToEndTest {

    private static final String ALGOREG_KEY = "alg_demo_northwind_4f8c2d9e7a1b6053";
    private static final String ZENSKAR_KEY = "zsk_demo_acme_5b8e2f71c4d94a06";
    private static final String ZENSKAR_ORGANISATION = "3f2a9c4e-8b1d-4e6f-a7c2-5d9e0b1f4a36";

    @Test
    void algoregBacksOffAnAddressThatKeepsPresentingWrongKeys() {
        String path = "/algoreg/api/v1/session/" + UUID.randomUUID();
        Response refused = backOff(
                "198.51.100.1",
                address -> get(path, headers(address, "Authorization", "Bearer alg_wrong_" + UUID.randomUUID())),
                () -> get(path, headers("198.51.100.1", "Authorization", "Bearer " + ALGOREG_KEY)));
        assertThat(refused.body().path("error").path("code").asString()).isEqualTo("rate_limited");

        Response elsewhere = get(path, headers("198.51.100.2", "Authorization", "Bearer " + ALGOREG_KEY));
        assertThat(elsewhere.status()).as("the right key from another address").isEqualTo(404);
        assertThat(elsewhere.body().path("error").path("code").asString()).isEqualTo("session_not_found");
    }

    @Test
    void zenskarBacksOffAnAddressThatKeepsPresentingWrongKeys() {
        String path = "/zenskar/customers/session";
        String body = "{\"customer_id\":\"b7e4c1a2-5f3d-4a8b-9c6e-1d2f3a4b5c6d\","
                + "\"return_url\":\"https://app.acme.example/billing\"}";
        Response refused = backOff(
                "198.51.100.3",
                address -> post(
                        path,
                        body,
                        headers(
                                address,
                                "x-api-key",
                                "zsk_wrong_" + UUID.randomUUID(),
                                "organisation",
                                UUID.randomUUID().toString())),
                () -> post(
                        path,
                        body,
                        headers("198.51.100.3", "x-api-key", ZENSKAR_KEY, "organisation", ZENSKAR_ORGANISATION)));
        assertThat(refused.body().path("detail").asString()).isEqualTo("Too Many Requests");

        Response elsewhere = post(
                path, body, headers("198.51.100.4", "x-api-key", ZENSKAR_KEY, "organisation", ZENSKAR_ORGANISATION));
        assertThat(elsewhere.status()).as("the right key from another address").isEqualTo(200);
    }

    @Test
    void introspectionBacksOffAnAddressThatKeepsPresentingWrongTokens() {
        String path = "/sessions/introspect";
        Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded");
        Response refused = backOff(
                "198.51.100.5",
                address -> post(
                        path,
                        "token=abc",
                        with(form, headers(address, "Authorization", "Bearer wrong-" + UUID.randomUUID()))),
                () -> post(
                        path,
                        "token=abc",
                        with(form, headers("198.51.100.5", "Authorization", "Bearer " + INTROSPECTION_TOKEN))));
        assertThat(refused.body().path("error").asString()).isEqualTo("temporarily_unavailable");

        Response elsewhere = post(
                path,
                "token=abc",
                with(form, headers("198.51.100.6", "Authorization", "Bearer " + INTROSPECTION_TOKEN)));
        assertThat(elsewhere.status())
                .as("the right token from another address")
                .isEqualTo(200);
        assertThat(elsewhere.body().path("active").asBoolean()).isFalse();
    }

    @Test
    void theAdminApiBacksOffAnAddressThatKeepsPresentingWrongTokens() {
        String path = "/admin/catalog/entries?prefix=chat:";
        Response refused = backOff(
                "198.51.100.7",
                address -> get(path, headers(address, "Authorization", "Bearer wrong-" + UUID.randomUUID())),
                () -> get(path, headers("198.51.100.7", "Authorization", "Bearer " + ADMIN_TOKEN)));
        assertThat(refused.headers().get("content-type").get(0)).startsWith("application/problem+json");
        assertThat(refused.body().path("status").asInt()).isEqualTo(429);

        Response elsewhere = get(path, headers("198.51.100.8", "Authorization", "Bearer " + ADMIN_TOKEN));
        assertThat(elsewhere.status())
                .as("the right token from another address")
                .isEqualTo(200);
    }

    @Test
    void wrongCredentialsNamingOneTenantFromManyAddressesBackOffThatTenant() {
        String tenant = "tenant-" + UUID.randomUUID();
        String path = "/algoreg/api/v1/session/" + UUID.randomUUID();
        for (int i = 0; i < TENANT_CREDENTIAL_FAILURES; i++) {
            assertThat(get(path, headers("192.0.2." + (i + 1), "Authorization", basic(tenant, "wrong")))
                            .status())
                    .isEqualTo(401);
        }
        Response refused = get(path, headers("192.0.2.200", "Authorization", basic(tenant, "wrong")));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers()).containsKey("retry-after");

        Response otherTenant = get(path, headers("192.0.2.201", "Authorization", basic("northwind-bank", ALGOREG_KEY)));
        assertThat(otherTenant.status())
                .as("another tenant, from another address")
                .isEqualTo(404);
    }

    /**
     * Sends {@code wrong} from {@code address} until it is refused: 401 for as many as the limit allows, then
     * 429; then the right credential from the same address is refused too, before it is checked.
     */
    private static Response backOff(String address, Function<String, Response> wrong, Supplier<Response> right) {
        for (int i = 0; i < CREDENTIAL_FAILURES; i++) {
            assertThat(wrong.apply(address).status())
                    .as("wrong credential %d, within the limit", i)
                    .isEqualTo(401);
        }
        Response refused = wrong.apply(address);
        assertThat(refused.status()).isEqualTo(429);
        assertRetryAfter(refused);
        Response rightButRefused = right.get();
        assertThat(rightButRefused.status())
                .as("the right credential, from the backed-off address")
                .isEqualTo(429);
        assertRetryAfter(rightButRefused);
        return refused;
    }

    private static Map<String, String> headers(String address, String... nameValues) {
        Map<String, String> headers = new HashMap<>();
        headers.put("X-Forwarded-For", address);
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.put(nameValues[i], nameValues[i + 1]);
        }
        return headers;
    }

    private static Map<String, String> with(Map<String, String> more, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.putAll(more);
        return all;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRetryAfter(Response response) {
        List<String> retryAfter = response.headers().getOrDefault("retry-after", List.of());
        assertThat(retryAfter).hasSize(1);
        assertThat(Long.parseLong(retryAfter.get(0))).isBetween(1L, 60L);
    }
}
