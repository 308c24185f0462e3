package io.sessionflow.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.chat.ChatSessionDetails;
import io.sessionflow.schemas.events.Provider;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionEventKind;
import io.sessionflow.schemas.events.SessionResumed;
import io.sessionflow.schemas.zenskar.ZenskarSessionDetails;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The processor's session-state value format: compact, and the format before it still read. */
class ProcessorSessionStateSerdeTest {

    private static final String SESSION_KEY = "Kx1jKqTYm3fZQmY2h2cI3g0eS1Jh2PZ2b1nN7a0cQ5E";
    private static final String FINGERPRINT = "k1:8f4e2d1c0b9a887766554433221100ffeeddccbbaa99887766554433221100ff";
    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    private static SessionEvent chatState(String requestKey) {
        return SessionEvent.newBuilder()
                .setEventId("00000000-0000-0000-0000-000000000007")
                .setKind(SessionEventKind.SESSION_CREATED)
                .setSessionKey(SESSION_KEY)
                .setProvider(Provider.CHAT)
                .setTenantId("acme")
                .setOccurredAt(AT.plusMillis(250))
                .setRequestFingerprint(FINGERPRINT)
                .setRequestKey(requestKey)
                .setPayload(new SessionCreated(
                        "4f7a1c2e-0000-4000-8000-000000000001",
                        AT,
                        AT.plusSeconds(3600),
                        ChatSessionDetails.newBuilder()
                                .setWidgetLabel("Acme support")
                                .setLocale("en-GB")
                                .setIntents(List.of())
                                .setQuickQuestions(List.of())
                                .build()))
                .build();
    }

    private static SessionEvent roundTrip(String sessionKey, SessionEvent state) {
        byte[] bytes = ProcessorSessionStateSerde.encode(SessionStateStore.compact(sessionKey, state));
        return SessionStateStore.event(sessionKey, ProcessorSessionStateSerde.decode(bytes));
    }

    @Test
    void aStateKeepsWhatTheProcessorReadsBack() {
        SessionEvent state = chatState(SESSION_KEY);

        SessionEvent read = roundTrip(SESSION_KEY, state);

        assertThat(read.getPayload()).isEqualTo(state.getPayload());
        assertThat(read.getRequestKey()).isEqualTo(SESSION_KEY);
        assertThat(read.getSessionKey()).isEqualTo(SESSION_KEY);
        assertThat(read.getOccurredAt()).isEqualTo(state.getOccurredAt());
        assertThat(read.getProvider()).isEqualTo(Provider.CHAT);
        assertThat(read.getTenantId()).isEqualTo("acme");
        assertThat(roundTrip(SESSION_KEY, chatState("r1")).getRequestKey()).isEqualTo("r1");
    }

    @Test
    void aResumedStateStaysResumed() {
        SessionEvent state = chatState("r1");
        state.setPayload(new SessionResumed(
                "sid", AT, AT.plusSeconds(900), new ZenskarSessionDetails(null, true, 900, "https://portal")));

        assertThat(roundTrip(SESSION_KEY, state).getPayload()).isEqualTo(state.getPayload());
    }

    @Test
    void theStoredValueHoldsNeitherTheSessionKeyNorEventIdNorFingerprint() {
        SessionEvent state = chatState(SESSION_KEY);
        byte[] before = Topics.SESSION_EVENTS.valueSerde().serializer().serialize("", state);

        byte[] compact = ProcessorSessionStateSerde.encode(SessionStateStore.compact(SESSION_KEY, state));

        String text = new String(compact, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain(SESSION_KEY, state.getEventId(), FINGERPRINT);
        assertThat(compact.length).isLessThan(before.length / 2);
    }

    @Test
    void aStateInTheFormatBeforeIsReadAsTheSameState() {
        SessionEvent state = chatState("r1");
        byte[] old = Topics.SESSION_EVENTS.valueSerde().serializer().serialize("", state);

        SessionEvent read = SessionStateStore.event(
                SESSION_KEY, new ProcessorSessionStateSerde().deserializer().deserialize("", old));

        assertThat(read.getPayload()).isEqualTo(state.getPayload());
        assertThat(read.getRequestKey()).isEqualTo("r1");
        assertThat(read.getOccurredAt()).isEqualTo(state.getOccurredAt());
        assertThat(read.getTenantId()).isEqualTo("acme");
    }

    @Test
    void bytesOfNeitherFormatAreRefused() {
        assertThatThrownBy(() -> ProcessorSessionStateSerde.decode(new byte[] {1, (byte) 0xff, (byte) 0xff}))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> ProcessorSessionStateSerde.decode(new byte[] {(byte) 0x7f, 3}))
                .isInstanceOf(SerializationException.class);
    }
}
