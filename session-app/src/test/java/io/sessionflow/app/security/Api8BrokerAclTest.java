package io.sessionflow.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.sessionflow.app.faults.ChildSessionApp;
import io.sessionflow.schemas.Topic;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.kafka.KafkaAcls;
import io.sessionflow.schemas.kafka.KafkaComponent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * OWASP API8 (security misconfiguration) at the Kafka layer: the all-in-one app as the README starts
 * it, on its own embedded broker with the default settings, in a child JVM. A local process used to
 * write an API key's hash into {@code sessionflow.catalog} (a 401 became a 200) and read every
 * restricted topic. Now the broker lets in only its SCRAM users, each component is its own user
 * with least-privilege ACLs, and its data directory is the owner's alone. The other users' settings
 * are read from the owner-only files the broker writes into its data directory, as an operator's
 * tool would.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class Api8BrokerAclTest {

    private static final String CHAT_CREATE = "/chat/api/public/v1/chat/sessions";
    private static final String WIDGET_KEY = "pk_live_1a2b3c4d5e6f7890abcd1234ef567890";
    private static final List<Topic<?, ?>> RESTRICTED = Stream.concat(
                    Topics.REQUESTS.stream(),
                    Stream.of(
                            Topics.ALGOREG_CUSTOMER_REFERENCES,
                            Topics.DEAD_LETTER,
                            Topics.CATALOG,
                            Topics.SESSION_ACTIVITY,
                            Topics.ADMIN_AUDIT))
            .toList();
    private static final String ADMIN_TOKEN = "api8-admin-token-0123456789abcdef0123";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Path root;
    private static Path brokerDir;
    private static int httpPort;
    private static ChildSessionApp app;

    @BeforeAll
    static void startTheAppOnItsOwnEmbeddedBroker() throws IOException {
        root = Files.createTempDirectory("sessionflow-api8-broker");
        brokerDir = root.resolve("data").resolve("kafka");
        httpPort = freePort();
        app = new ChildSessionApp(
                List.of(
                        "--server.port=" + httpPort,
                        "--sessionflow.kafka.bootstrap-servers=",
                        "--sessionflow.broker.port=" + freePort(),
                        "--sessionflow.data-dir=" + root.resolve("data"),
                        "--sessionflow.kafka.partitions=2",
                        "--sessionflow.admin.token=" + ADMIN_TOKEN,
                        "--sessionflow.introspection.token=api8-introspection-token-0123456789abcdef",
                        // a short warm-up, and no load balancer to steer away at the close: these tests are about
                        // the broker's ACLs
                        "--sessionflow.readiness.warm-up-calls=300",
                        "--sessionflow.shutdown.drain=0s"),
                root);
        app.start("api8-broker");
        app.awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopTheApp() throws InterruptedException, IOException {
        if (app != null) {
            app.close();
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void theAppWorksEndToEndWithItsOwnPrincipals() {
        assertThat(createChatSession()).isEqualTo(200);
    }

    @Test
    void theAdminApiCommitsACatalogChangeWithItsAuditRecordAsItsOwnPrincipal() {
        assertThat(post(
                        "/admin/api-keys",
                        "{\"provider\":\"algoreg\",\"tenant\":\"northwind-bank\"}",
                        "Authorization",
                        "Bearer " + ADMIN_TOKEN))
                .isEqualTo(201);
    }

    @Test
    void aClientWithoutCredentialsCannotUseTheBroker() {
        Map<String, Object> anonymous = new HashMap<>();
        anonymous.put(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                client(KafkaAcls.ANALYTICS_USER).getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        anonymous.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        anonymous.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        try (Admin admin = Admin.create(anonymous)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .as("a plaintext client gets no answer from a SASL listener")
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }

        Properties guessed = client(KafkaAcls.ANALYTICS_USER);
        guessed.setProperty(
                "sasl.jaas.config",
                guessed.getProperty("sasl.jaas.config").replaceFirst("password=\"[^\"]+\"", "password=\"guessed\""));
        try (KafkaProducer<byte[], byte[]> producer = producer(guessed)) {
            assertThatThrownBy(() -> producer.send(catalogRecord()).get(20, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void anAnalyticsPrincipalCannotWriteTheCatalog() {
        try (KafkaProducer<byte[], byte[]> producer = producer(client(KafkaAcls.ANALYTICS_USER))) {
            assertThatThrownBy(() -> producer.send(catalogRecord()).get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void onlyTheApiWritesTheCatalog() {
        try (KafkaProducer<byte[], byte[]> producer = producer(client(KafkaComponent.PROCESSOR.defaultUser()))) {
            assertThatThrownBy(() -> producer.send(catalogRecord()).get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void anAnalyticsPrincipalCannotReadAnyRestrictedTopic() {
        Properties analytics = client(KafkaAcls.ANALYTICS_USER);
        for (Topic<?, ?> topic : RESTRICTED) {
            assertThatThrownBy(() -> readFromStart(analytics, topic.name()), topic.name())
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void theApiPrincipalCannotReadTheRequestTopicsItWrites() {
        Properties api = client(KafkaComponent.API.defaultUser());
        for (Topic<?, ?> topic : Topics.REQUESTS) {
            assertThatThrownBy(() -> readFromStart(api, topic.name()), topic.name())
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void anAnalyticsPrincipalReadsThePublicSessionEvents() {
        assertThat(createChatSession()).isEqualTo(200);
        Properties analytics = client(KafkaAcls.ANALYTICS_USER);
        analytics.setProperty(
                ConsumerConfig.GROUP_ID_CONFIG, KafkaAcls.ANALYTICS_GROUP_PREFIX + "-" + UUID.randomUUID());
        List<ConsumerRecord<byte[], byte[]>> events = readFromStart(analytics, Topics.SESSION_EVENTS.name());
        assertThat(events).isNotEmpty();
    }

    @Test
    void theBrokersFilesAreTheOwnersAlone() throws IOException {
        assertThat(mode(brokerDir)).isEqualTo("rwx------");
        for (String user : KafkaAcls.defaultUsers()) {
            assertThat(mode(brokerDir.resolve("client-" + user + ".properties")))
                    .as(user)
                    .isEqualTo("rw-------");
        }
        assertThat(mode(brokerDir.resolve("server.properties"))).isEqualTo("rw-------");
        Properties server = load(brokerDir.resolve("server.properties"));
        assertThat(server.getProperty("listeners").split(","))
                .as("both listeners bind loopback only")
                .allSatisfy(listener -> assertThat(listener).contains("://127.0.0.1:"));
    }

    private static int createChatSession() {
        return post(
                CHAT_CREATE,
                "{\"publicKey\":\"" + WIDGET_KEY + "\",\"customerId\":\"cust-api8\",\"locale\":\"en-GB\"}");
    }

    /** @return the status of a JSON POST to the app */
    private static int post(String path, String json, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        HttpRequest request = builder.build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads the topic's first partition from the start until nothing more comes, or throws what Kafka refused. */
    private static List<ConsumerRecord<byte[], byte[]>> readFromStart(Properties security, String topic) {
        Properties config = new Properties();
        config.putAll(security);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            if (config.containsKey(ConsumerConfig.GROUP_ID_CONFIG)) {
                consumer.subscribe(List.of(topic));
            } else {
                List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static ProducerRecord<byte[], byte[]> catalogRecord() {
        return new ProducerRecord<>(Topics.CATALOG.name(), "chat:widget-key:pk_live_forged".getBytes(), new byte[] {1});
    }

    private static KafkaProducer<byte[], byte[]> producer(Properties security) {
        Properties config = new Properties();
        config.putAll(security);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The client settings the broker wrote for {@code user}, bootstrap servers included. */
    private static Properties client(String user) {
        try {
            return load(brokerDir.resolve("client-" + user + ".properties"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
