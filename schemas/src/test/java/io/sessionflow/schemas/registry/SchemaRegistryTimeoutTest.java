package io.sessionflow.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.sessionflow.schemas.WireFormat;
import io.sessionflow.schemas.chat.ChatSessionRequested;
import org.junit.jupiter.api.Test;

/**
 * The registry transport's bounds: a registry that accepts connections and never answers fails registration within
 * the timeouts, not never; one that answers is called on Apicurio's v2 API, as Apicurio's own transport does.
 */
class SchemaRegistryTimeoutTest {

    private static final RegistryTimeouts SHORT =
            new RegistryTimeouts(Duration.ofSeconds(1), Duration.ofMillis(400), 1, Duration.ofMillis(100));

    @Test
    void aRegistryThatNeverAnswersFailsRegistrationWithinTheTimeoutsAndIsTriedOnceMore() throws IOException {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "http://127.0.0.1:" + silent.getLocalPort();
            long started = System.nanoTime();
            // two attempts of 400 ms and a 100 ms pause: well within 5 s, whatever the machine's load
            assertTimeoutPreemptively(
                    Duration.ofSeconds(5),
                    () -> assertThatThrownBy(() -> SchemaRegistryCodec.register(url, SHORT, WireFormat.valueTypes()))
                            .isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("The schema registry at " + url + " did not register")
                            .hasMessageContaining("in 2 attempts"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (accepted.size() < 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(accepted).as("the first attempt and its one retry").hasSize(2);
            acceptor.interrupt();
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void anAnsweringRegistryIsReachedThroughItsV2ApiAndItsIdsFrameTheValues() throws IOException {
        HttpServer registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> calls = new CopyOnWriteArrayList<>();
        registry.createContext("/", exchange -> {
            calls.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            byte[] answer = "{\"groupId\":\"default\",\"id\":\"x\",\"contentId\":7,\"globalId\":9}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        registry.start();
        try {
            SchemaRegistryCodec codec = SchemaRegistryCodec.register(
                    "http://127.0.0.1:" + registry.getAddress().getPort(), SHORT, WireFormat.valueTypes());
            assertThat(calls)
                    .hasSize(WireFormat.valueTypes().size())
                    .allMatch(call -> call.equals("POST /apis/registry/v2/groups/default/artifacts"));
            ChatSessionRequested value = ChatSessionRequested.newBuilder()
                    .setSessionKey("0198a0c4-6b1e-7c2a-9a1f-3d2e4f5a6b7c")
                    .setRequestedAt(Instant.parse("2026-01-01T10:00:00Z"))
                    .setRequestFingerprint("ab")
                    .setPublicKey("pk_live_1a2b3c4d5e6f7890abcd1234ef567890")
                    .setOrigin("https://shop.example")
                    .setLocale("en-GB")
                    .build();
            assertThat(SchemaRegistryCodec.idIn(codec.encode(value))).isEqualTo(7);
        } finally {
            registry.stop(0);
        }
    }

    @Test
    void timeoutsMustBePositiveAndRetriesNotNegative() {
        assertThatThrownBy(() -> new RegistryTimeouts(Duration.ZERO, Duration.ofSeconds(1), 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegistryTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), -1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
