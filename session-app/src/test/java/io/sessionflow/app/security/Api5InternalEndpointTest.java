package io.sessionflow.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.sessionflow.app.EndToEndTest;
import io.sessionflow.projections.EncodedSessionEvent;
import io.sessionflow.projections.query.InternalCredential;
import io.sessionflow.projections.query.RemoteSessionQueries;
import io.sessionflow.projections.query.SessionLookup;
import io.sessionflow.projections.query.SessionQueryService;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/**
 * OWASP API5 (broken function level authorization): the instance-to-instance query endpoint
 * ({@code /internal/sessions/{key}}, which answers a session's stored event) is served only on the internal
 * port and only to a caller with the internal credential; the public port answers it as an unknown path. Its
 * long-polls are bounded, so that they cannot hold the server's connections.
 */
class Api5InternalEndpointTest extends EndToEndTest {

    private static final String WIDGET_KEY = "pk_live_1a2b3c4d5e6f7890abcd1234ef567890";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Creates a chat session and returns its session key and its answer's conversation id. */
    private static String[] createdSession() {
        String idempotencyKey = UUID.randomUUID().toString();
        Response created = post(
                "/chat/api/public/v1/chat/sessions",
                "{\"publicKey\":\"" + WIDGET_KEY + "\"}",
                Map.of("Idempotency-Key", idempotencyKey));
        assertThat(created.status()).isEqualTo(200);
        return new String[] {
            SESSION_KEYS.derivedKey("chat", WIDGET_KEY, idempotencyKey),
            created.body().get("conversationId").asString()
        };
    }

    private static HttpResponse<byte[]> internal(int port, String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void thePublicPortAnswersTheInternalEndpointAsAnUnknownPath() {
        String[] session = createdSession();
        String key = session[0];
        assertThat(internal(INTERNAL_PORT, "/internal/sessions/" + key, "Bearer " + INTERNAL_TOKEN)
                        .statusCode())
                .as("the session is stored")
                .isEqualTo(200);

        for (String path : List.of(
                "/internal/sessions/" + key,
                "/internal/sessions/" + key + "?waitMs=20000",
                "//internal/sessions/" + key,
                "/internal;x=1/sessions/" + key,
                "/INTERNAL/sessions/" + key)) {
            HttpResponse<byte[]> answer = internal(HTTP_PORT, path, "Bearer " + INTERNAL_TOKEN);
            String body = new String(answer.body(), StandardCharsets.ISO_8859_1);

            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(body).as(path).contains("\"error\":\"Not Found\"").doesNotContain(session[1]);
        }
    }

    @Test
    void theInternalPortWantsTheInternalCredential() {
        String[] session = createdSession();
        String path = "/internal/sessions/" + session[0];

        HttpResponse<byte[]> none = internal(INTERNAL_PORT, path, null);
        HttpResponse<byte[]> wrong = internal(INTERNAL_PORT, path, "Bearer " + INTERNAL_TOKEN + "x");
        HttpResponse<byte[]> otherScheme = internal(INTERNAL_PORT, path, "Basic " + INTERNAL_TOKEN);
        HttpResponse<byte[]> right = internal(INTERNAL_PORT, path, "Bearer " + INTERNAL_TOKEN);

        assertThat(List.of(none, wrong, otherScheme)).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(new String(answer.body(), StandardCharsets.ISO_8859_1)).doesNotContain(session[1]);
        });
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(EncodedSessionEvent.decode(right.body()).event().getSessionKey())
                .isEqualTo(session[0]);
    }

    @Test
    void theInternalPortServesNothingElse() {
        Response create = sendTo(
                INTERNAL_PORT,
                "POST",
                "/chat/api/public/v1/chat/sessions",
                "{\"publicKey\":\"" + WIDGET_KEY + "\"}",
                Map.of("Authorization", "Bearer " + INTERNAL_TOKEN));
        Response openapi = sendTo(INTERNAL_PORT, "GET", "/openapi/chat.yaml", null, Map.of());
        Response admin = sendTo(
                INTERNAL_PORT, "GET", "/admin/catalog/entries", null, Map.of("Authorization", "Bearer " + ADMIN_TOKEN));

        assertThat(List.of(create, openapi, admin))
                .allSatisfy(answer -> assertThat(answer.status()).isEqualTo(404));
    }

    @Test
    void theCredentialedClientReadsASessionCreatedThroughTheApiFromItsOwner() throws Exception {
        String[] session = createdSession();
        HostInfo owner = new HostInfo("localhost", INTERNAL_PORT);

        SessionLookup found = new RemoteSessionQueries(Duration.ofSeconds(2), InternalCredential.of(INTERNAL_TOKEN))
                .lookup(owner, SessionQueryService.Query.session(session[0]), Duration.ofSeconds(2), true)
                .get(10, TimeUnit.SECONDS);
        SessionLookup refused = new RemoteSessionQueries(
                        Duration.ofSeconds(2), InternalCredential.of("another-instance-token-0123456789abcdef"))
                .lookup(owner, SessionQueryService.Query.session(session[0]), Duration.ofSeconds(2), true)
                .get(10, TimeUnit.SECONDS);

        assertThat(found)
                .isInstanceOfSatisfying(
                        SessionLookup.Found.class,
                        f -> assertThat(f.event().getSessionKey()).isEqualTo(session[0]));
        assertThat(refused)
                .isInstanceOfSatisfying(
                        SessionLookup.Unavailable.class,
                        u -> assertThat(u.reason()).contains("refused the internal credential"));
    }

    private record Answer(int status, Duration took) {}

    @Test
    void longPollsBeyondTheCapAreRefusedAtOnceAndCreatesStillAnswer() throws Exception {
        HttpClient connectionPerRequest = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String waitingFor = "/internal/sessions/" + UUID.randomUUID() + "?request=never&waitMs=60000";
        int excess = 2;
        List<CompletableFuture<Answer>> polls = new ArrayList<>();
        for (int i = 0; i < INTERNAL_MAX_CONCURRENT + excess; i++) {
            long sent = System.nanoTime();
            polls.add(connectionPerRequest
                    .sendAsync(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + INTERNAL_PORT + waitingFor))
                                    .header("Authorization", "Bearer " + INTERNAL_TOKEN)
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .thenApply(
                            response -> new Answer(response.statusCode(), Duration.ofNanos(System.nanoTime() - sent))));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (polls.stream().filter(CompletableFuture::isDone).count() < excess && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Response create = post("/chat/api/public/v1/chat/sessions", "{\"publicKey\":\"" + WIDGET_KEY + "\"}", Map.of());
        List<Answer> answers = new ArrayList<>();
        for (CompletableFuture<Answer> poll : polls) {
            answers.add(poll.get(30, TimeUnit.SECONDS));
        }

        assertThat(create.status())
                .as("a create while the internal long-polls wait")
                .isEqualTo(200);
        List<Answer> refused =
                answers.stream().filter(answer -> answer.status() == 503).toList();
        List<Answer> waited =
                answers.stream().filter(answer -> answer.status() != 503).toList();
        assertThat(refused).as("beyond the cap: %s", answers).hasSize(excess);
        assertThat(waited)
                .as("within the cap, nothing arrives: %s", answers)
                .hasSize(INTERNAL_MAX_CONCURRENT)
                .allSatisfy(answer -> assertThat(answer.status()).isEqualTo(404));
        Duration longestRefusal =
                refused.stream().map(Answer::took).max(Duration::compareTo).orElseThrow();
        assertThat(waited)
                .as("refused at once, not after a wait: %s", answers)
                .allSatisfy(answer -> assertThat(answer.took()).isGreaterThan(longestRefusal))
                .allSatisfy(answer -> assertThat(answer.took())
                        .as("a wait is cut to sessionflow.internal.max-wait")
                        .isLessThan(Duration.ofSeconds(25)));
    }
}
