package io.sessionflow.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.sessionflow.schemas.SessionEventKinds;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.chat.ChatSessionDetails;
import io.sessionflow.schemas.events.Provider;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionEventKind;
import io.sessionflow.schemas.events.SessionExtended;
import io.sessionflow.schemas.events.SessionRejected;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class EncodedSessionEventTest {

    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void readsWhatTheProjectionsDecideByAndTheWholeEventOnlyWhenAsked() {
        List<SessionEvent> events = List.of(
                SessionEventKinds.stamped(event("r1", created())),
                SessionEventKinds.stamped(event(null, rejected())),
                SessionEventKinds.stamped(event("r3", new SessionExtended("conv-1", AT.plusSeconds(60)))));

        for (SessionEvent event : events) {
            EncodedSessionEvent read = EncodedSessionEvent.decode(bytes(event));

            assertThat(read.kind()).isEqualTo(event.getKind());
            assertThat(read.requestKey()).isEqualTo(event.getRequestKey());
            assertThat(read.occurredAt()).isEqualTo(AT);
            assertThat(read.event()).isEqualTo(event).isSameAs(read.event());
            assertThat(read.bytes()).isEqualTo(bytes(event));
        }
    }

    @Test
    void anEventWithoutKindIsToldByItsPayload() {
        SessionEvent unstamped = event("r1", created());
        assertThat(unstamped.getKind()).isEqualTo(SessionEventKind.UNKNOWN);

        EncodedSessionEvent read = EncodedSessionEvent.decode(bytes(unstamped));

        assertThat(read.kind()).isEqualTo(SessionEventKind.SESSION_CREATED);
        assertThat(read.event()).isEqualTo(unstamped);
    }

    @Test
    void aDamagedPayloadIsRefusedWhenTheEventIsRead() {
        byte[] whole = bytes(SessionEventKinds.stamped(event("r1", created())));

        assertThatThrownBy(() -> EncodedSessionEvent.decode(Arrays.copyOf(whole, whole.length - 5)))
                .isInstanceOf(SerializationException.class);
    }

    private static byte[] bytes(SessionEvent event) {
        return Topics.SESSION_EVENTS.valueSerde().serializer().serialize(Topics.SESSION_EVENTS.name(), event);
    }

    private static SessionEvent event(String requestKey, Object payload) {
        return SessionEvent.newBuilder()
                .setEventId("e1")
                .setSessionKey("s1")
                .setRequestKey(requestKey)
                .setRequestFingerprint("fp")
                .setProvider(Provider.CHAT)
                .setTenantId("acme")
                .setOccurredAt(AT)
                .setPayload(payload)
                .build();
    }

    private static SessionCreated created() {
        return SessionCreated.newBuilder()
                .setSessionId("conv-1")
                .setCreatedAt(AT)
                .setExpiresAt(AT.plusSeconds(3600))
                .setDetails(ChatSessionDetails.newBuilder()
                        .setWidgetLabel("Help – Hilfe")
                        .setIntents(List.of())
                        .setQuickQuestions(List.of())
                        .build())
                .build();
    }

    private static SessionRejected rejected() {
        return SessionRejected.newBuilder()
                .setCode("widget_disabled")
                .setHttpStatus(403)
                .setMessage("This widget is disabled")
                .setReasons(List.of())
                .build();
    }
}
