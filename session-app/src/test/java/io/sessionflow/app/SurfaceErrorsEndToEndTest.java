package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * What no provider controller answers itself (a path or method a surface does not have, a request the
 * servlet container refuses, an Accept header that names no JSON, a multipart Content-Type) is still
 * answered in the format of the surface the request was for, never with a 5xx or an HTML page.
 */
class SurfaceErrorsEndToEndTest extends EndToEndTest {

    private static final String CHAT = "/chat/api/public/v1/chat/sessions";

    @Test
    void anUnknownPathIsNotFoundInEachSurfacesFormat() {
        assertThat(post(CHAT + "/x", "{}", Map.of()).body().toString())
                .isEqualTo("{\"error\":\"not_found\",\"message\":\"No such resource\",\"details\":null}");
        assertThat(post("/algoreg/api/v1/sessions", "{}", Map.of()).body().toString())
                .isEqualTo("{\"error\":{\"code\":\"not_found\",\"message\":\"No such resource\",\"details\":[]}}");
        assertThat(post("/zenskar/customers/sessions", "{}", Map.of()).body().toString())
                .isEqualTo("{\"detail\":\"Not Found\"}");
        assertThat(post("/sessions/introspect/", "token=x", Map.of()).body().toString())
                .isEqualTo("{\"error\":\"invalid_request\",\"error_description\":\"No such resource\"}");
        Response admin = get("/admin/nothing", Map.of());
        assertThat(admin.status()).isEqualTo(404);
        assertThat(admin.headers().get("content-type")).anyMatch(t -> t.startsWith("application/problem+json"));
        assertThat(admin.body().get("status").asInt()).isEqualTo(404);
        assertThat(get("/actuator/nothing", Map.of()).body().get("error").asString())
                .as("other paths keep Spring Boot's format")
                .isEqualTo("Not Found");
    }

    @Test
    void aNearMissOfASurfacesPathIsAnsweredInThatSurfacesFormat() {
        Response doubled = post("/" + CHAT, "{}", Map.of());

        assertThat(doubled.status()).isEqualTo(404);
        assertThat(doubled.body().get("error").asString()).isEqualTo("not_found");
    }

    @Test
    void aMethodAPathDoesNotTakeIsNotAllowedInTheSurfacesFormat() {
        Response chat = get(CHAT, Map.of());
        Response zenskar = send("DELETE", "/zenskar/customers/session", null, Map.of());

        assertThat(chat.status()).isEqualTo(405);
        assertThat(chat.body().get("error").asString()).isEqualTo("method_not_allowed");
        assertThat(chat.headers().get("allow")).containsExactly("POST");
        assertThat(zenskar.status()).isEqualTo(405);
        assertThat(zenskar.body().toString()).isEqualTo("{\"detail\":\"Method Not Allowed\"}");
    }

    @Test
    void theAnswerIsJsonWhateverAcceptAsksFor() {
        Response chat = post(CHAT, "{\"publicKey\":\"nope\"}", Map.of("Accept", "text/html"));
        Response livePerson = send(
                "PUT",
                "/liveperson/api/account/12345678/app/engagement/visitors/v?v=1.0&sid=s",
                "{}",
                Map.of("Accept", "image/png"));
        Response malformedAccept = get("/algoreg/api/v1/session/x", Map.of("Accept", "null"));

        assertThat(chat.status()).isEqualTo(422);
        assertThat(chat.body().get("error").asString()).isEqualTo("validation_failed");
        assertThat(livePerson.status()).isEqualTo(400);
        assertThat(livePerson.body().get("internalCode").asInt()).isEqualTo(101);
        assertThat(malformedAccept.status()).isEqualTo(401);
        assertThat(malformedAccept.body().get("error").get("code").asString()).isEqualTo("unauthorized");
    }

    @Test
    void aMultipartContentTypeIsAnsweredAsAWrongContentType() {
        Response chat = post(CHAT, "{}", Map.of("Content-Type", "multipart/form-data"));
        Response admin = get(
                "/admin/catalog/entries",
                Map.of("Authorization", "Bearer " + ADMIN_TOKEN, "Content-Type", "multipart/form-data; boundary=x"));

        assertThat(chat.status()).isEqualTo(400);
        assertThat(chat.body().get("message").asString()).isEqualTo("Content-Type must be application/json");
        assertThat(admin.status()).isEqualTo(200);
    }

    @Test
    void aPathTheServletContainerRefusesIsAnsweredInTheSurfacesFormat() {
        Response notUtf8 = get("/algoreg/api/v1/session/%C3%28", Map.of());
        Response encodedSlash =
                send("POST", "/liveperson/api/account/a%2Fb/app/engagement/visitors?v=1.0", "{}", Map.of());

        assertThat(notUtf8.status()).isEqualTo(400);
        assertThat(notUtf8.headers().get("content-type")).anyMatch(t -> t.startsWith("application/json"));
        assertThat(notUtf8.body().get("error").get("code").asString()).isEqualTo("invalid_request");
        assertThat(encodedSlash.status()).isEqualTo(400);
        assertThat(encodedSlash.body().get("internalCode").asInt()).isEqualTo(100);
    }
}
