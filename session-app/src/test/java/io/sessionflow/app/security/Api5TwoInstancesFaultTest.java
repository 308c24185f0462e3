package io.sessionflow.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import io.sessionflow.api.SessionKeys;
import io.sessionflow.app.SessionApp;
import io.sessionflow.app.faults.FaultBroker;
import io.sessionflow.broker.EmbeddedKafkaBroker;
import io.sessionflow.projections.SessionProjectionTopology;
import io.sessionflow.schemas.secrets.Keyring;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * OWASP API5, with the query routed between instances: two apps on one broker, each owning one partition of
 * the session stores. Creates sent to the first instance whose sessions the second one owns are answered only
 * if the first finds the second at the address it advertises ({@code application.server}: its internal port)
 * and the second accepts the first's internal credential. Runs in the fault-tests execution (own JVM, own
 * broker, two apps), like the tests that kill apps.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class Api5TwoInstancesFaultTest {

    private static final String WIDGET_KEY = "pk_live_1a2b3c4d5e6f7890abcd1234ef567890";
    private static final String INTERNAL_TOKEN = "two-instances-internal-token-0123456789abcdef";
    /** the id key both instances share, so that a retry on either derives the same session key */
    private static final String ID_SECRET = "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=";

    private static final SessionKeys SESSION_KEYS = new SessionKeys(
            Keyring.load("Id", "sessionflow.ids", "two-instances", Map.of("two-instances", ID_SECRET), null));
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    @TempDir
    Path dir;

    private record Instance(int httpPort, int internalPort, ConfigurableApplicationContext context) {

        KafkaStreams projections() {
            return context.getBean("&projectionsStreams", StreamsBuilderFactoryBean.class)
                    .getKafkaStreams();
        }
    }

    @Test
    void aCreateIsAnsweredWhenAnotherInstanceOwnsItsSession() throws Exception {
        try (EmbeddedKafkaBroker broker = FaultBroker.start(dir)) {
            Instance first = start(broker, "first");
            try {
                Instance second = start(broker, "second");
                try {
                    awaitOnePartitionEach(first, second);
                    List<String> ownedBySecond = new ArrayList<>();
                    List<String> answers = new ArrayList<>();
                    for (int i = 0; i < 40 && ownedBySecond.size() < 3; i++) {
                        String idempotencyKey = UUID.randomUUID().toString();
                        String sessionKey = SESSION_KEYS.derivedKey("chat", WIDGET_KEY, idempotencyKey);
                        HostInfo owner = first.projections()
                                .queryMetadataForKey(
                                        SessionProjectionTopology.SESSIONS_STORE,
                                        sessionKey,
                                        Serdes.String().serializer())
                                .activeHost();
                        int status = createChatSession(first.httpPort(), idempotencyKey);
                        answers.add(owner.port() + ":" + status);
                        if (owner.port() == second.internalPort()) {
                            ownedBySecond.add(sessionKey);
                        }
                    }

                    assertThat(ownedBySecond)
                            .as("sessions the second instance owns: %s", answers)
                            .hasSize(3);
                    assertThat(answers)
                            .as("owner's internal port:status of each create")
                            .allSatisfy(answer -> assertThat(answer).endsWith(":200"));
                } finally {
                    second.context().close();
                }
            } finally {
                first.context().close();
            }
        }
    }

    private Instance start(EmbeddedKafkaBroker broker, String name) {
        int httpPort = freePort();
        int internalPort = freePort();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", httpPort);
        properties.put("sessionflow.internal.port", internalPort);
        properties.put("sessionflow.internal.token", INTERNAL_TOKEN);
        properties.put("management.server.port", freePort());
        properties.put("sessionflow.kafka.bootstrap-servers", broker.bootstrapServers());
        properties.put("sessionflow.kafka.partitions", 2);
        properties.put("sessionflow.data-dir", dir.resolve(name).toString());
        properties.put("sessionflow.tokens.keys.two-instances", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        properties.put("sessionflow.ids.keys.two-instances", ID_SECRET);
        // a short warm-up, and no load balancer to steer away at the close: this test is about the owner's answers
        properties.put("sessionflow.readiness.warm-up-calls", 300);
        properties.put("sessionflow.shutdown.drain", "0s");
        String[] arguments = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new Instance(httpPort, internalPort, new SpringApplicationBuilder(SessionApp.class).run(arguments));
    }

    /** Both projections RUNNING, each instance advertising its internal port and owning one partition. */
    private static void awaitOnePartitionEach(Instance first, Instance second) {
        Set<Integer> expected = Set.of(first.internalPort(), second.internalPort());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String seen = "";
        while (System.nanoTime() < deadline) {
            KafkaStreams streams = first.projections();
            if (streams.state() == KafkaStreams.State.RUNNING
                    && second.projections().state() == KafkaStreams.State.RUNNING) {
                Map<Integer, Integer> partitionsByPort = streams.metadataForAllStreamsClients().stream()
                        .collect(Collectors.toMap(
                                m -> m.hostInfo().port(), Api5TwoInstancesFaultTest::sessionPartitions, Integer::sum));
                seen = partitionsByPort.toString();
                if (partitionsByPort.keySet().equals(expected)
                        && partitionsByPort.values().stream().allMatch(n -> n == 1)) {
                    return;
                }
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new AssertionError("The instances did not each own one partition of the session store: " + seen);
    }

    private static int sessionPartitions(StreamsMetadata metadata) {
        return metadata.stateStoreNames().contains(SessionProjectionTopology.SESSIONS_STORE)
                ? metadata.topicPartitions().stream()
                        .map(tp -> tp.partition())
                        .collect(Collectors.toSet())
                        .size()
                : 0;
    }

    private static int createChatSession(int port, String idempotencyKey) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/chat/api/public/v1/chat/sessions"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"publicKey\":\"" + WIDGET_KEY + "\"}"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
