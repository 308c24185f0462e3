package io.sessionflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

import io.sessionflow.schemas.chat.ChatSessionRequested;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionEventKind;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private final AvroSerde<ChatSessionRequested> serde = AvroSerde.of(ChatSessionRequested.class);

    private static ChatSessionRequested request() {
        return ChatSessionRequested.newBuilder()
                .setSessionKey("0198a0c4-6b1e-7c2a-9a1f-3d2e4f5a6b7c")
                .setRequestedAt(Instant.parse("2026-01-01T10:00:00Z"))
                .setRequestFingerprint("ab")
                .setPublicKey("pk_live_1a2b3c4d5e6f7890abcd1234ef567890")
                .setOrigin("https://shop.example")
                .setLocale("en-GB")
                .build();
    }

    @Test
    void roundTripsInSingleObjectEncoding() {
        byte[] bytes = serde.serializer().serialize("t", request());

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(request());
    }

    @Test
    void writesExactlyWhatAvrosOwnMessageEncoderWrites() throws Exception {
        ByteBuffer avros = new BinaryMessageEncoder<ChatSessionRequested>(
                        SpecificData.getForClass(ChatSessionRequested.class), ChatSessionRequested.getClassSchema())
                .encode(request());

        assertThat(ByteBuffer.wrap(serde.encode(request()))).isEqualTo(avros);
        assertThat(ByteBuffer.wrap(serde.encode(request())))
                .as("with the thread's encoder reused")
                .isEqualTo(avros);
    }

    @Test
    void aSharingSerdeDecodesEachContentOnceAndForgetsAllWhenFull() {
        AvroSerde<ChatSessionRequested> sharing = AvroSerde.sharingDecodes(ChatSessionRequested.class, 2);
        ChatSessionRequested other =
                ChatSessionRequested.newBuilder(request()).setLocale("de-DE").build();
        byte[] bytes = sharing.encode(request());

        ChatSessionRequested first = sharing.decode(bytes);
        assertThat(sharing.decode(bytes.clone())).isSameAs(first).isEqualTo(request());
        assertThat(sharing.decode(sharing.encode(other))).isEqualTo(other).isNotSameAs(first);

        sharing.decode(sharing.encode(
                ChatSessionRequested.newBuilder(request()).setLocale("fr-FR").build()));
        assertThat(sharing.decode(bytes)).isEqualTo(request()).isNotSameAs(first);
    }

    @Test
    void refusesBytesThatAreNotARecordOfAKnownSchema() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {1, 2, 3}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("ChatSessionRequested");
    }

    @Test
    void readsWhatAvrosOwnMessageEncoderWritesWithTheThreadsDecoderReused() throws Exception {
        ChatSessionRequested other =
                ChatSessionRequested.newBuilder(request()).setLocale("de-DE").build();
        BinaryMessageEncoder<ChatSessionRequested> avros = new BinaryMessageEncoder<>(
                SpecificData.getForClass(ChatSessionRequested.class), ChatSessionRequested.getClassSchema());

        assertThat(serde.decode(avros.encode(request()).array())).isEqualTo(request());
        assertThat(serde.decode(avros.encode(other).array())).isEqualTo(other);
    }

    @Test
    void refusesAnUnknownFingerprintAndATruncatedRecordSayingWhich() {
        byte[] bytes = serde.encode(request());
        byte[] unknownSchema = bytes.clone();
        unknownSchema[9] ^= 0x55;

        assertThatThrownBy(() -> serde.decode(unknownSchema))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("no known schema has the fingerprint");
        assertThatThrownBy(() -> serde.decode(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("ChatSessionRequested in Avro single-object encoding");
        assertThatThrownBy(() -> serde.decode(Arrays.copyOf(bytes, 6)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not enough header bytes");
    }

    @Test
    void aValueInConfluentWireFormatNeedsARegistryAndSaysSoWithoutOne() {
        WireFormat.useSingleObjectEncoding();
        byte[] framed = {0, 0, 0, 0, 42, 2, 'k'};

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", framed))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Confluent wire format (schema id 42)")
                .hasMessageContaining("sessionflow.schema-registry.url");
    }

    @Test
    void aSessionEventWrittenBeforeKindsExistedReadsKindUnknown() throws Exception {
        Schema v2 =
                ReleasedSchemas.of(SessionEvent.getClassSchema().getFullName()).get(1);
        GenericRecord event = new GenericData.Record(v2);
        event.put("eventId", "e");
        event.put("sessionKey", "k");
        event.put("provider", new GenericData.EnumSymbol(v2.getField("provider").schema(), "CHAT"));
        event.put("occurredAt", 1_000L);
        Schema expired = v2.getField("payload").schema().getTypes().stream()
                .filter(t -> t.getName().equals("SessionExpired"))
                .findFirst()
                .orElseThrow();
        GenericRecord payload = new GenericData.Record(expired);
        payload.put("sessionId", "s");
        payload.put("expiresAt", 2_000L);
        event.put("payload", payload);

        SessionEvent decoded = AvroSerde.of(SessionEvent.class).decode(singleObject(v2, event));

        assertThat(decoded.getKind()).isEqualTo(SessionEventKind.UNKNOWN);
        assertThat(SessionEventKinds.of(decoded.getPayload())).isEqualTo(SessionEventKind.SESSION_EXPIRED);
    }

    private static byte[] singleObject(Schema schema, GenericRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0xC3, 0x01});
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        for (int i = 0; i < 8; i++) {
            out.write((int) (fingerprint >>> (8 * i)));
        }
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    @Test
    void readsARecordWrittenWithAnOlderReleasedSchema() throws Exception {
        Schema older = ReleasedSchemas.of(ChatSessionRequested.getClassSchema().getFullName())
                .get(0);
        GenericRecord record = new GenericData.Record(older);
        record.put("sessionKey", "k");
        record.put("requestedAt", 1_000L);
        record.put("requestFingerprint", "f");
        record.put("publicKey", "pk_live_1a2b3c4d5e6f7890abcd1234ef567890");

        ChatSessionRequested decoded = serde.decode(singleObject(older, record));

        assertThat(decoded.getSessionKey()).isEqualTo("k");
        assertThat(decoded.getRequestedAt()).isEqualTo(Instant.ofEpochMilli(1_000));
        assertThat(decoded.getOrigin()).isNull();
    }
}
