package io.sessionflow.app.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import io.sessionflow.app.SessionApp;
import io.sessionflow.broker.testing.SharedKafkaBroker;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The all-in-one app in schema-registry mode, as the registry tests start it: on the test JVM's shared broker, with
 * the demo catalog, its own data directory and free ports, writing through the registry at {@code registryUrl}.
 */
final class RegistryModeApp implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ConfigurableApplicationContext context;
    private final int httpPort;

    private static final Duration RETRY_FOR = Duration.ofSeconds(60);

    record Response(int status, JsonNode body) {}

    private RegistryModeApp(ConfigurableApplicationContext context, int httpPort) {
        this.context = context;
        this.httpPort = httpPort;
    }

    /** Starts it; start-up failures (a schema the registry refuses) are thrown as Spring throws them. */
    static RegistryModeApp start(String registryUrl) {
        int httpPort = freePort();
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + httpPort,
                "--sessionflow.internal.port=" + freePort(),
                "--management.server.port=" + freePort(),
                "--sessionflow.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
                "--sessionflow.kafka.partitions=2",
                "--sessionflow.data-dir=" + tempDir(),
                "--sessionflow.limits.exempt-addresses=127.0.0.1,0:0:0:0:0:0:0:1",
                // a short warm-up, and no load balancer to steer away at the close: these tests are about the wire
                "--sessionflow.readiness.warm-up-calls=300",
                "--sessionflow.shutdown.drain=0s",
                "--sessionflow.schema-registry.url=" + registryUrl));
        return new RegistryModeApp(
                new SpringApplicationBuilder(SessionApp.class).run(arguments.toArray(String[]::new)), httpPort);
    }

    /**
     * Posts as a client following the contract does: with an Idempotency-Key, retrying the retryable 503 (a
     * first request on a just-started app on a busy machine may not be decided within the outcome wait).
     */
    Response post(String path, String body, Map<String, String> headers) {
        Map<String, String> idempotent = new HashMap<>(headers);
        idempotent.putIfAbsent("Idempotency-Key", UUID.randomUUID().toString());
        long giveUp = System.nanoTime() + RETRY_FOR.toNanos();
        Response response = send(path, body, idempotent);
        while (response.status() == 503 && System.nanoTime() < giveUp) {
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            response = send(path, body, idempotent);
        }
        return response;
    }

    private Response send(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("sessionflow-registry");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
