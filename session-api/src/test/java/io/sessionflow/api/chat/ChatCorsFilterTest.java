package io.sessionflow.api.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.sessionflow.schemas.chat.ChatWidgetKey;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The chat CORS filter on one request at a time: what it grants, refuses and lets through. */
class ChatCorsFilterTest {

    private static final String CHAT = "/chat/api/public/v1/chat/sessions";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ChatWidgetKey KEY = ChatWidgetKey.newBuilder()
            .setPublicKey("pk_live_" + "0".repeat(32))
            .setTenantId("t")
            .setLabel("l")
            .setEnabled(true)
            .setAllowedOrigins(List.of("https://shop.acme.example"))
            .setAllowsAllIntents(true)
            .build();

    private final ChatCorsFilter filter = new ChatCorsFilter(
            new ChatCorsConfigurationSource(
                    new WidgetKeyOrigins(() -> List.of(KEY), Duration.ofSeconds(5), System::nanoTime),
                    Duration.ofMinutes(10)),
            new ChatCorsProcessor(JSON));

    private record Outcome(MockHttpServletResponse response, boolean passedOn) {}

    private Outcome run(String method, String path, String origin, String requestMethod, String requestHeaders)
            throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.addHeader("Origin", origin);
        if (requestMethod != null) {
            request.addHeader("Access-Control-Request-Method", requestMethod);
            request.addHeader("Access-Control-Request-Headers", requestHeaders);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        return new Outcome(response, chain.getRequest() != null);
    }

    private static void assertRefused(Outcome outcome) throws Exception {
        assertThat(outcome.passedOn()).isFalse();
        assertThat(outcome.response().getStatus()).isEqualTo(403);
        assertThat(outcome.response().getHeader("Access-Control-Allow-Origin")).isNull();
        assertThat(outcome.response().getContentType()).startsWith("application/json");
        JsonNode body = JSON.readTree(outcome.response().getContentAsString());
        assertThat(body.get("error").asString()).isEqualTo("origin_not_allowed");
        assertThat(body.has("details")).isTrue();
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredHere() throws Exception {
        Outcome outcome = run("OPTIONS", CHAT, "https://shop.acme.example", "POST", "Content-Type, Idempotency-Key");

        assertThat(outcome.passedOn()).isFalse();
        assertThat(outcome.response().getStatus()).isEqualTo(200);
        assertThat(outcome.response().getHeader("Access-Control-Allow-Origin")).isEqualTo("https://shop.acme.example");
        assertThat(outcome.response().getHeader("Access-Control-Max-Age")).isEqualTo("600");
        assertThat(outcome.response().getHeader("Access-Control-Allow-Credentials"))
                .isNull();
    }

    @Test
    void aPreflightFromAnyOtherOriginOrForMoreIsRefusedInChatsFormat() throws Exception {
        assertRefused(run("OPTIONS", CHAT, "https://evil.example", "POST", "Content-Type"));
        assertRefused(run("OPTIONS", CHAT, "https://shop.acme.example/evil", "POST", "Content-Type"));
        assertRefused(run("OPTIONS", CHAT, "null", "POST", "Content-Type"));
        assertRefused(run("OPTIONS", CHAT, "https://[::1", "POST", "Content-Type"));
        assertRefused(run("OPTIONS", CHAT, "https://shop.acme.example", "DELETE", "Content-Type"));
        assertRefused(run("OPTIONS", CHAT, "https://shop.acme.example", "POST", "Content-Type, X-Other"));
    }

    @Test
    void anActualRequestGoesOnWithItsOriginOnlyWhenAllowed() throws Exception {
        Outcome allowed = run("POST", CHAT, "https://shop.acme.example", null, null);
        assertThat(allowed.passedOn()).isTrue();
        assertThat(allowed.response().getHeader("Access-Control-Allow-Origin")).isEqualTo("https://shop.acme.example");

        for (String origin : List.of("https://evil.example", "https://shop.acme.example/evil", "null", "::garbage::")) {
            Outcome other = run("POST", CHAT, origin, null, null);
            assertThat(other.passedOn()).as(origin).isTrue();
            assertThat(other.response().getStatus()).as(origin).isEqualTo(200);
            assertThat(other.response().getHeader("Access-Control-Allow-Origin"))
                    .as(origin)
                    .isNull();
        }
    }

    @Test
    void otherSurfacesAreNotTouched() throws Exception {
        Outcome outcome =
                run("OPTIONS", "/zenskar/customers/session", "https://shop.acme.example", "POST", "Content-Type");

        assertThat(outcome.passedOn()).isTrue();
        assertThat(outcome.response().getHeaderNames()).isEmpty();
    }
}
