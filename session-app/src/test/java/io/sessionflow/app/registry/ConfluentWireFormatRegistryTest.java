package io.sessionflow.app.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.sessionflow.app.ProcessorProgress;
import io.sessionflow.app.TopicReader;
import io.sessionflow.broker.testing.SharedKafkaBroker;
import io.sessionflow.schemas.ReleasedSchemas;
import io.sessionflow.schemas.SessionEventKinds;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.WireFormat;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionEventKind;
import io.sessionflow.schemas.events.SessionExtended;
import io.sessionflow.schemas.registry.SchemaRegistryCodec;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Schema-registry mode end to end, with a real Apicurio Registry: the app takes all four providers' traffic, and
 * then every value it wrote on every topic is in Confluent wire format with the id the registry holds for the
 * topic's {@code <topic>-value} subject, and an independent reader, Confluent's own JavaScript client (npm
 * {@code @confluentinc/schemaregistry}, run with node), decodes every public event by its schema id alone, each
 * with the kind that tells its meaning. Records of an earlier schema version, or written in single-object encoding
 * before the registry was configured, stay readable.
 */
class ConfluentWireFormatRegistryTest {

    private static final Path READER = Path.of("src", "test", "registry-reader");
    private static final long NODE_TIMEOUT_SECONDS = 120;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String LIVEPERSON = "/liveperson/api/account/12345678/app/engagement/visitors";

    private static RegistryModeApp app;

    @BeforeAll
    static void startAndSendEveryProvidersTraffic() {
        app = RegistryModeApp.start(ApicurioRegistry.url());
        String run = UUID.randomUUID().toString();
        assertThat(app.post(
                                "/chat/api/public/v1/chat/sessions",
                                "{\"publicKey\":\"pk_live_1a2b3c4d5e6f7890abcd1234ef567890\",\"customerId\":\"cust-42\"}",
                                Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(app.post(
                                "/chat/api/public/v1/chat/sessions",
                                "{\"publicKey\":\"pk_live_0f1e2d3c4b5a69788796a5b4c3d2e1f0\"}",
                                Map.of("Origin", "https://evil.example"))
                        .status())
                .as("a rejection")
                .isEqualTo(403);
        assertThat(app.post(
                                "/algoreg/api/v1/session",
                                "{\"scenario_code\":\"default\",\"language\":\"fr-FR\","
                                        + "\"external_id\":123,\"input_data\":{\"firstname\":\"Jane\",\"birthdate\":\"1990-05-17\"}}",
                                Map.of("Authorization", "Bearer alg_demo_northwind_4f8c2d9e7a1b6053"))
                        .status())
                .isEqualTo(200);
        String zenskar = "{\"customer_id\":\"b7e4c1a2-5f3d-4a8b-9c6e-1d2f3a4b5c6d\",\"return_url\":"
                + "\"https://app.acme.example/billing\",\"idle_timeout\":900,\"session_key\":\"portal-" + run + "\"}";
        Map<String, String> zenskarHeaders = Map.of(
                "x-api-key", "zsk_demo_acme_5b8e2f71c4d94a06", "organisation", "3f2a9c4e-8b1d-4e6f-a7c2-5d9e0b1f4a36");
        assertThat(app.post("/zenskar/customers/session", zenskar, zenskarHeaders)
                        .status())
                .isEqualTo(200);
        assertThat(app.post("/zenskar/customers/session", zenskar, zenskarHeaders)
                        .status())
                .as("resumed")
                .isEqualTo(200);
        RegistryModeApp.Response visit =
                app.post(LIVEPERSON + "?v=1.0", "{\"appType\":\"MSDK\",\"consumerSections\":[\"Support\"]}", Map.of());
        assertThat(visit.status()).isEqualTo(200);
        assertThat(app.post(
                                LIVEPERSON + "/" + visit.body().get("visitorId").asString() + "?v=1.0&sid="
                                        + visit.body().get("sessionId").asString(),
                                "{\"appType\":\"MSDK\",\"consumerSections\":[\"Sales\"]}",
                                Map.of())
                        .status())
                .isEqualTo(200);
        ProcessorProgress.awaitAllRequestsDecided(SharedKafkaBroker.bootstrapServers(), Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void everyValueOnEveryTopicIsConfluentWireFormatWithTheIdOfItsTopicsSubject() {
        Map<String, Integer> written = new HashMap<>();
        for (String topic : WireFormat.valueTypes().keySet()) {
            int registered = registeredId(SchemaRegistryCodec.subject(topic));
            for (ConsumerRecord<String, byte[]> record : read(topic)) {
                if (record.value() == null) {
                    continue; // a tombstone
                }
                assertThat(record.value()[0])
                        .as("magic byte of %s at %d", topic, record.offset())
                        .isZero();
                assertThat(SchemaRegistryCodec.idIn(record.value()))
                        .as("schema id of %s at %d", topic, record.offset())
                        .isEqualTo(registered);
                written.merge(topic, 1, Integer::sum);
            }
        }
        assertThat(written)
                .as("values written per topic")
                .containsKeys(
                        Topics.CATALOG.name(),
                        Topics.CHAT_REQUESTS.name(),
                        Topics.ALGOREG_REQUESTS.name(),
                        Topics.ZENSKAR_REQUESTS.name(),
                        Topics.LIVEPERSON_REQUESTS.name(),
                        Topics.SESSION_EVENTS.name(),
                        Topics.ALGOREG_CUSTOMER_REFERENCES.name());
    }

    @Test
    void confluentsJavaScriptClientDecodesEveryPublicEventByItsSchemaIdWithItsKind() throws Exception {
        List<ConsumerRecord<String, byte[]>> events = read(Topics.SESSION_EVENTS.name());
        List<JsonNode> decoded = decodeWithConfluentsClient(events);

        assertThat(decoded).hasSameSizeAs(events);
        List<SessionEventKind> kinds = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode answer = decoded.get(i);
            assertThat(answer.has("error")).as("%s", answer).isFalse();
            SessionEvent event = Topics.SESSION_EVENTS
                    .valueSerde()
                    .deserializer()
                    .deserialize(Topics.SESSION_EVENTS.name(), events.get(i).value());
            assertThat(answer.get("schemaId").asInt())
                    .isEqualTo(SchemaRegistryCodec.idIn(events.get(i).value()));
            assertThat(answer.get("value").get("eventId").asString()).isEqualTo(event.getEventId());
            assertThat(answer.get("value").get("sessionKey").asString()).isEqualTo(event.getSessionKey());
            assertThat(answer.get("value").get("kind").asString())
                    .as("%s", answer)
                    .isEqualTo(SessionEventKinds.of(event.getPayload()).name());
            kinds.add(event.getKind());
        }
        assertThat(kinds)
                .as("the kinds the traffic made")
                .contains(
                        SessionEventKind.SESSION_CREATED,
                        SessionEventKind.SESSION_REJECTED,
                        SessionEventKind.SESSION_RESUMED);
    }

    @Test
    void recordsOfAnEarlierSchemaVersionOrInSingleObjectEncodingStayReadable() throws Exception {
        Schema v2 =
                ReleasedSchemas.of(SessionEvent.getClassSchema().getFullName()).get(1);
        GenericRecord earlier = new GenericData.Record(v2);
        earlier.put("eventId", "e-earlier");
        earlier.put("sessionKey", "k-earlier");
        earlier.put(
                "provider", new GenericData.EnumSymbol(v2.getField("provider").schema(), "ZENSKAR"));
        earlier.put("occurredAt", 1_000L);
        Schema extended = v2.getField("payload").schema().getTypes().stream()
                .filter(t -> t.getName().equals("SessionExtended"))
                .findFirst()
                .orElseThrow();
        GenericRecord payload = new GenericData.Record(extended);
        payload.put("sessionId", "s-earlier");
        payload.put("expiresAt", 2_000L);
        earlier.put("payload", payload);
        int earlierId = registerElsewhere(v2);
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        framed.write(SchemaRegistryCodec.MAGIC_BYTE);
        framed.write(ByteBuffer.allocate(4).putInt(earlierId).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(framed, null);
        new GenericDatumWriter<GenericRecord>(v2).write(earlier, encoder);
        encoder.flush();

        SessionEvent read = Topics.SESSION_EVENTS
                .valueSerde()
                .deserializer()
                .deserialize(Topics.SESSION_EVENTS.name(), framed.toByteArray());

        assertThat(read.getEventId()).isEqualTo("e-earlier");
        assertThat(read.getKind()).as("written before kinds").isEqualTo(SessionEventKind.UNKNOWN);
        assertThat(read.getPayload()).isInstanceOf(SessionExtended.class);

        SessionEvent current = SessionEvent.newBuilder(read)
                .setKind(SessionEventKind.SESSION_EXTENDED)
                .build();
        ByteBuffer encoded = new BinaryMessageEncoder<SessionEvent>(
                        SpecificData.getForClass(SessionEvent.class), SessionEvent.getClassSchema())
                .encode(current);
        byte[] singleObject = new byte[encoded.remaining()];
        encoded.get(singleObject);
        assertThat(Topics.SESSION_EVENTS
                        .valueSerde()
                        .deserializer()
                        .deserialize(Topics.SESSION_EVENTS.name(), singleObject))
                .as("written before the registry was configured")
                .isEqualTo(current);
    }

    /** Registers a schema under a subject of its own and answers its id, leaving the app's subjects as they are. */
    private static int registerElsewhere(Schema schema) throws IOException, InterruptedException {
        HttpResponse<String> registered = HTTP.send(
                HttpRequest.newBuilder(URI.create(ApicurioRegistry.ccompatUrl()
                                + "/subjects/sessionflow.earlier-releases-value/versions"))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                RegistryModeApp.JSON.writeValueAsString(Map.of("schema", schema.toString()))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        return RegistryModeApp.JSON.readTree(registered.body()).get("id").asInt();
    }

    private static List<ConsumerRecord<String, byte[]>> read(String topic) {
        return TopicReader.read(SharedKafkaBroker.bootstrapServers(), topic, "read_committed", Duration.ofSeconds(30));
    }

    /** The registry's id for the latest version under a subject, through its Confluent-compatible API. */
    private static int registeredId(String subject) {
        try {
            HttpResponse<String> latest = HTTP.send(
                    HttpRequest.newBuilder(URI.create(
                                    ApicurioRegistry.ccompatUrl() + "/subjects/" + subject + "/versions/latest"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(latest.statusCode()).as("%s: %s", subject, latest.body()).isEqualTo(200);
            return RegistryModeApp.JSON.readTree(latest.body()).get("id").asInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> decodeWithConfluentsClient(List<ConsumerRecord<String, byte[]>> records)
            throws IOException, InterruptedException {
        if (!Files.isDirectory(READER.resolve("node_modules").resolve("@confluentinc"))) {
            fail("This test needs the node modules of session-app/src/test/registry-reader: run `npm ci` there"
                    + " (.ci/run does)");
        }
        Path input = Files.createTempFile("registry-records", ".jsonl");
        Path output = Files.createTempFile("registry-decoded", ".jsonl");
        Path errors = Files.createTempFile("registry-reader", ".err");
        List<String> lines = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            lines.add(RegistryModeApp.JSON.writeValueAsString(Map.of(
                    "topic",
                    record.topic(),
                    "partition",
                    record.partition(),
                    "offset",
                    record.offset(),
                    "value",
                    Base64.getEncoder().encodeToString(record.value()))));
        }
        Files.write(input, lines);
        Process node = new ProcessBuilder(
                        "node",
                        "decode-records.mjs",
                        ApicurioRegistry.ccompatUrl(),
                        input.toAbsolutePath().toString())
                .directory(READER.toFile())
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();
        try {
            if (!node.waitFor(NODE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("node decode-records.mjs did not finish within " + NODE_TIMEOUT_SECONDS + " s");
            }
            if (node.exitValue() != 0) {
                fail("node decode-records.mjs failed (exit " + node.exitValue() + "): " + Files.readString(errors));
            }
            List<JsonNode> decoded = new ArrayList<>();
            for (String line : Files.readAllLines(output)) {
                if (!line.isBlank()) {
                    decoded.add(RegistryModeApp.JSON.readTree(line));
                }
            }
            return decoded;
        } finally {
            node.destroyForcibly();
            Files.deleteIfExists(input);
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors);
        }
    }
}
