package io.sessionflow.app.faults;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP/1.1 client of the app, safe to share between threads. Never throws for what the
 * network does: a refused, reset or timed-out call is an {@link Exchange} without a status.
 */
final class SessionApiClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Far above any configured wait: an exchange that reaches it is a hang, not a slow answer. */
    static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final String host;
    private final int port;
    private final Duration timeout;

    SessionApiClient(int port) {
        this("127.0.0.1", port);
    }

    /** An instance on another address: its own loopback address, or its host's in a network namespace. */
    SessionApiClient(String host, int port) {
        this(host, port, EXCHANGE_TIMEOUT);
    }

    private SessionApiClient(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeout = timeout;
    }

    /** The same instance, giving up on an exchange after {@code timeout} (no answer): a prober's patience. */
    SessionApiClient withTimeout(Duration timeout) {
        return new SessionApiClient(host, port, timeout);
    }

    /** {@code host:port}: which instance this client calls. */
    String address() {
        return host + ":" + port;
    }

    Exchange send(CreateRequest request) {
        return send("POST", request.path(), request.body(), request.headers());
    }

    /** Reads an Algoreg session back. */
    Exchange readAlgoreg(String sessionId) {
        return send(
                "GET",
                CreateRequest.ALGOREG_PATH + "/" + sessionId,
                null,
                Map.of("Authorization", "Bearer " + CreateRequest.ALGOREG_KEY));
    }

    /** Introspects a chat session token. */
    Exchange introspect(String token) {
        return send(
                "POST",
                "/sessions/introspect",
                "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8),
                Map.of(
                        "Authorization",
                        "Bearer " + AppUnderTest.INTROSPECTION_TOKEN,
                        "Content-Type",
                        "application/x-www-form-urlencoded"));
    }

    Exchange send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
                .timeout(timeout)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            return new Exchange(
                    response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null),
                    json(response),
                    response.body(),
                    took,
                    null,
                    started);
        } catch (IOException e) {
            return new Exchange(
                    -1, null, null, "", Duration.ofNanos(System.nanoTime() - started), e.toString(), started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Exchange(
                    -1, null, null, "", Duration.ofNanos(System.nanoTime() - started), "interrupted", started);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        if (!response.headers().firstValue("Content-Type").orElse("").contains("json")
                || response.body().isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            return null;
        }
    }
}
