package io.sessionflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;

import io.sessionflow.schemas.chat.ChatIntent;
import io.sessionflow.schemas.chat.ChatQuickQuestion;
import io.sessionflow.schemas.chat.ChatSessionDetails;
import io.sessionflow.schemas.events.Provider;
import io.sessionflow.schemas.events.RejectionReason;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionEventKind;
import io.sessionflow.schemas.events.SessionRejected;
import io.sessionflow.schemas.zenskar.ZenskarSessionDetails;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class SpecificRecordWriterTest {

    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

    private static final SpecificData MODEL = GeneratedTypes.model(SessionEvent.class);

    private final SpecificRecordWriter<SessionEvent> writer =
            new SpecificRecordWriter<>(SessionEvent.getClassSchema(), MODEL);

    @Test
    void writesTheSameBytesAsAvrosOwnWriter() throws Exception {
        SpecificDatumWriter<SessionEvent> avros = new SpecificDatumWriter<>(SessionEvent.getClassSchema(), MODEL);
        AvroSerde<SessionEvent> serde = AvroSerde.of(SessionEvent.class);
        List<SessionEvent> events = List.of(
                created("Hilfe – Bestellung", "Wo ist meine Bestellung? 📦", "über uns"),
                created("", "", "ascii only"),
                created("日本語のヘルプ", "注文はどこ?", "ページ"),
                rejected(),
                zenskar(),
                created("second", "naïve", "café"));

        for (SessionEvent event : events) {
            assertThat(bytes(writer, event)).as(event.toString()).isEqualTo(bytes(avros, event));
            assertThat(serde.decode(serde.encode(event))).isEqualTo(event);
        }
    }

    private static byte[] bytes(DatumWriter<SessionEvent> writer, SessionEvent event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(event, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static SessionEvent created(String label, String question, String pageType) {
        return event(SessionEventKind.SESSION_CREATED, Provider.CHAT)
                .setTenantId("tenant-1")
                .setRequestKey(null)
                .setPayload(new SessionCreated(
                        "s1",
                        AT,
                        AT.plusSeconds(3600),
                        ChatSessionDetails.newBuilder()
                                .setWidgetLabel(label)
                                .setLocale(null)
                                .setIntents(List.of(ChatIntent.newBuilder()
                                        .setName("track_order")
                                        .setDisplayLabel(label)
                                        .setIsPinned(true)
                                        .setPriority(2)
                                        .build()))
                                .setQuickQuestions(List.of(ChatQuickQuestion.newBuilder()
                                        .setQuestion(question)
                                        .setPageType(pageType)
                                        .setFlowId(null)
                                        .build()))
                                .build()))
                .build();
    }

    private static SessionEvent rejected() {
        return event(SessionEventKind.SESSION_REJECTED, Provider.CHAT)
                .setRequestKey("idem-ключ")
                .setPayload(SessionRejected.newBuilder()
                        .setCode("validation_failed")
                        .setHttpStatus(422)
                        .setMessage("Request validation failed: 1 field is invalid")
                        .setReasons(List.of(RejectionReason.newBuilder()
                                .setField("publicKey")
                                .setMessage("no widget exists for this key")
                                .build()))
                        .build())
                .build();
    }

    private static SessionEvent zenskar() {
        return event(SessionEventKind.SESSION_CREATED, Provider.ZENSKAR)
                .setPayload(new SessionCreated(
                        "s2",
                        AT,
                        AT.plusSeconds(900),
                        ZenskarSessionDetails.newBuilder()
                                .setIsGuestSession(false)
                                .setIdleTimeoutSeconds(900)
                                .setPortalUrl("https://portal.example/ü")
                                .build()))
                .build();
    }

    private static SessionEvent.Builder event(SessionEventKind kind, Provider provider) {
        return SessionEvent.newBuilder()
                .setEventId("e1")
                .setKind(kind)
                .setSessionKey("k1")
                .setProvider(provider)
                .setOccurredAt(AT)
                .setRequestFingerprint("kid:00ff");
    }
}
