package io.sessionflow.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.sessionflow.api.SessionKeys;
import io.sessionflow.broker.testing.SharedKafkaBroker;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.secrets.Keyring;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the end-to-end tests: the whole app over real HTTP on a real Kafka broker (one broker
 * and one application context per test JVM: every subclass shares this configuration, so Spring
 * caches one context).
 */
@SpringBootTest(classes = SessionApp.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
public abstract class EndToEndTest {

    /** base64 of 32 bytes 0..31: the token key the app is configured with in tests */
    protected static final String TOKEN_SECRET = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    /** base64 of 32 bytes 32..63: the id key (session keys, fingerprints, pseudonyms) the app is configured with */
    protected static final String ID_SECRET = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";
    /** derives keys as the app under test does */
    protected static final SessionKeys SESSION_KEYS =
            new SessionKeys(Keyring.load("Id", "sessionflow.ids", "test-key", Map.of("test-key", ID_SECRET), null));
    /** the admin API's bearer token in tests */
    protected static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef0123";
    /** the introspection endpoint's bearer token in tests */
    protected static final String INTROSPECTION_TOKEN = "test-introspection-token-0123456789abcdef";
    /** the instance-to-instance credential in tests */
    protected static final String INTERNAL_TOKEN = "test-internal-token-0123456789abcdef0123";
    /** the management port's credential in tests */
    protected static final String MANAGEMENT_TOKEN = "test-management-token-0123456789abcdef";
    /** the internal query endpoint's concurrency cap in tests: small, so that a test can exceed it */
    protected static final int INTERNAL_MAX_CONCURRENT = 4;

    protected static final int HTTP_PORT = freePort();
    /** partitions of the topics the app creates in tests */
    protected static final int PARTITIONS = 2;
    /** calls to the provider surfaces one client address may make at once in tests (then one every 30 s) */
    protected static final int ADDRESS_REQUESTS = 20;
    /** refused credentials per address and surface, and per named tenant, per minute in tests */
    protected static final int CREDENTIAL_FAILURES = 5;

    protected static final int TENANT_CREDENTIAL_FAILURES = 8;
    protected static final Duration BODY_READ_TIMEOUT = Duration.ofSeconds(3);
    protected static final int INTERNAL_PORT = freePort();
    protected static final int MANAGEMENT_PORT = freePort();
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path DATA_DIR = tempDir();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void kafkaAndPorts(DynamicPropertyRegistry registry) {
        registry.add("sessionflow.kafka.bootstrap-servers", SharedKafkaBroker::bootstrapServers);
        registry.add("sessionflow.kafka.partitions", () -> PARTITIONS);
        registry.add("sessionflow.data-dir", DATA_DIR::toString);
        registry.add("server.port", () -> HTTP_PORT);
        registry.add("sessionflow.tokens.keys.test-key", () -> TOKEN_SECRET);
        registry.add("sessionflow.ids.keys.test-key", () -> ID_SECRET);
        registry.add("sessionflow.admin.token", () -> ADMIN_TOKEN);
        registry.add("sessionflow.introspection.token", () -> INTROSPECTION_TOKEN);
        // every test connects from loopback: exempt from the per-address limits, which the limit tests prove from
        // other addresses (X-Forwarded-For, trusted from loopback); small limits and windows, so they are quick
        registry.add("sessionflow.limits.exempt-addresses", () -> "127.0.0.1,0:0:0:0:0:0:0:1");
        registry.add("sessionflow.limits.address-requests", () -> ADDRESS_REQUESTS);
        registry.add("sessionflow.limits.address-period", () -> "10m");
        registry.add("sessionflow.limits.credential-failures", () -> CREDENTIAL_FAILURES);
        registry.add("sessionflow.limits.tenant-credential-failures", () -> TENANT_CREDENTIAL_FAILURES);
        registry.add("sessionflow.limits.credential-failure-window", () -> "1m");
        registry.add("sessionflow.limits.body-read-timeout", () -> BODY_READ_TIMEOUT.toMillis() + "ms");
        registry.add("sessionflow.internal.port", () -> INTERNAL_PORT);
        registry.add("sessionflow.internal.token", () -> INTERNAL_TOKEN);
        registry.add("sessionflow.internal.max-concurrent", () -> INTERNAL_MAX_CONCURRENT);
        registry.add("management.server.port", () -> MANAGEMENT_PORT);
        registry.add("sessionflow.management.token", () -> MANAGEMENT_TOKEN);
        // no load balancer to wait for when the test JVM ends
        registry.add("sessionflow.shutdown.drain", () -> "0s");
        // the warm-up runs the whole create path before readiness (WarmUpEndToEndTest), with fewer calls than in
        // production: their number is not what these tests are about
        registry.add("sessionflow.readiness.warm-up-calls", () -> 300);
    }

    protected record Response(int status, Map<String, java.util.List<String>> headers, JsonNode body) {}

    protected static Response post(String path, String body, Map<String, String> headers) {
        return send("POST", path, body, headers);
    }

    protected static Response get(String path, Map<String, String> headers) {
        return send("GET", path, null, headers);
    }

    /** One HTTP exchange on the public port; a JSON body is parsed, any other body is kept as a JSON string node. */
    protected static Response send(String method, String path, String body, Map<String, String> headers) {
        return sendTo(HTTP_PORT, method, path, body, headers);
    }

    /** A GET on the management port with the management credential. */
    protected static Response management(String path) {
        return sendTo(MANAGEMENT_PORT, "GET", path, null, Map.of("Authorization", "Bearer " + MANAGEMENT_TOKEN));
    }

    /** One HTTP exchange on a given port of the app (public, internal or management). */
    protected static Response sendTo(int port, String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = response.body().isEmpty()
                    ? null
                    : contentType.contains("json")
                            ? JSON.readTree(response.body())
                            : JSON.getNodeFactory().stringNode(response.body());
            return new Response(response.statusCode(), response.headers().map(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Repeats an exchange until its response satisfies {@code done}, for at most ten seconds. */
    protected static Response eventually(Supplier<Response> exchange, Predicate<Response> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Response response = exchange.get();
        while (!done.test(response) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            response = exchange.get();
        }
        return response;
    }

    /**
     * The barrier before counting events: returns once the processor has decided every request published
     * so far (its events committed), so a retried or conflicting copy cannot add an event after the count.
     */
    protected static void awaitAllRequestsDecided() {
        ProcessorProgress.awaitAllRequestsDecided(SharedKafkaBroker.bootstrapServers(), Duration.ofSeconds(60));
    }

    /**
     * Every committed record of {@code sessionflow.session-events} written so far (open transactions waited
     * out), values as the raw bytes on the wire; after {@link #awaitAllRequestsDecided()}, every event the
     * requests sent so far will ever cause.
     */
    protected static List<ConsumerRecord<String, byte[]>> readSessionEvents() {
        return CommittedSessionEvents.read(SharedKafkaBroker.bootstrapServers(), Duration.ofSeconds(20));
    }

    /** The committed session events of one session key, decoded, in the order they were written. */
    protected static List<SessionEvent> sessionEventsOf(String sessionKey) {
        return readSessionEvents().stream()
                .filter(r -> sessionKey.equals(r.key()))
                .map(r -> Topics.SESSION_EVENTS.valueSerde().deserializer().deserialize("", r.value()))
                .toList();
    }

    /** The partition a record keyed {@code key} goes to on a topic the app created (Kafka's default partitioner). */
    protected static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    protected static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("sessionflow-e2e");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
