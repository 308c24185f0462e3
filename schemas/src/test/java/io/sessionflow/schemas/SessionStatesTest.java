package io.sessionflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.sessionflow.schemas.algoreg.AlgoregSessionDetails;
import io.sessionflow.schemas.chat.ChatIntent;
import io.sessionflow.schemas.chat.ChatQuickQuestion;
import io.sessionflow.schemas.chat.ChatSessionDetails;
import io.sessionflow.schemas.events.Provider;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionResumed;
import io.sessionflow.schemas.zenskar.ZenskarSessionDetails;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the details schemas' field properties make of a session state, whichever provider's details it holds. */
class SessionStatesTest {

    private static final Instant CREATED = Instant.parse("2026-03-01T12:00:00Z");

    /** Avro builds defaults by class name, which it trusts for the project's types once a serde is loaded. */
    @BeforeAll
    static void trustTheProjectsTypes() {
        assertThat(Topics.SESSION_EVENTS.valueSerde()).isNotNull();
    }

    @Test
    void theStoresKeepAnswerOnlyFieldsEmptyAndEverythingElse() {
        ChatSessionDetails details = ChatSessionDetails.newBuilder()
                .setWidgetLabel("Help")
                .setLocale("en-GB")
                .setIntents(List.of(ChatIntent.newBuilder()
                        .setName("track_order")
                        .setDisplayLabel("Track order")
                        .setIsPinned(false)
                        .setPriority(1)
                        .build()))
                .setQuickQuestions(List.of(ChatQuickQuestion.newBuilder()
                        .setQuestion("Where is my order?")
                        .setPageType("general")
                        .build()))
                .build();
        SessionEvent state = created(details);

        SessionEvent kept = SessionStates.kept(state);

        assertThat(kept)
                .isEqualTo(SessionEvent.newBuilder(state)
                        .setPayload(SessionCreated.newBuilder((SessionCreated) state.getPayload())
                                .setDetails(ChatSessionDetails.newBuilder(details)
                                        .setIntents(List.of())
                                        .setQuickQuestions(List.of())
                                        .build())
                                .build())
                        .build());
        assertThat(((ChatSessionDetails) ((SessionCreated) state.getPayload()).getDetails()).getIntents())
                .as("the answer itself is left as it was")
                .hasSize(1);
    }

    @Test
    void aStateWithNothingToLeaveOutIsKeptAsItIs() {
        SessionEvent algoreg = created(AlgoregSessionDetails.newBuilder()
                .setScenarioCode("default")
                .setLanguage("fr-FR")
                .setOrphan(false)
                .build());
        SessionEvent emptyLists = created(ChatSessionDetails.newBuilder()
                .setWidgetLabel("Help")
                .setIntents(List.of())
                .setQuickQuestions(List.of())
                .build());

        assertThat(SessionStates.kept(algoreg)).isSameAs(algoreg);
        assertThat(SessionStates.kept(emptyLists)).isSameAs(emptyLists);
    }

    @Test
    void theIdleTimeoutIsTheFlaggedFieldInSecondsOfCreatedAndResumedStates() {
        ZenskarSessionDetails details = ZenskarSessionDetails.newBuilder()
                .setIsGuestSession(true)
                .setIdleTimeoutSeconds(900)
                .setPortalUrl("https://portal.example")
                .build();
        SessionEvent resumed = SessionEvent.newBuilder(created(details))
                .setPayload(new SessionResumed("s1", CREATED, CREATED.plusSeconds(900), details))
                .build();

        assertThat(SessionStates.idleTimeout(created(details))).contains(Duration.ofSeconds(900));
        assertThat(SessionStates.idleTimeout(resumed)).contains(Duration.ofSeconds(900));
        assertThat(SessionStates.idleTimeout(created(AlgoregSessionDetails.newBuilder()
                        .setScenarioCode("default")
                        .setLanguage("fr-FR")
                        .setOrphan(true)
                        .build())))
                .isEmpty();
    }

    @Test
    void everyDetailsRecordFlagsItsFieldsAsTheStatesCanRead() {
        Schema details = SessionCreated.getClassSchema().getField("details").schema();

        assertThat(details.getTypes())
                .allSatisfy(type -> assertThatCode(() -> DetailsFields.of(
                                SpecificData.newInstance(SpecificData.get().getClass(type), type)))
                        .as(type.getFullName())
                        .doesNotThrowAnyException());
    }

    private static SessionEvent created(Object details) {
        return SessionEvent.newBuilder()
                .setEventId("e1")
                .setSessionKey("k1")
                .setProvider(Provider.UNKNOWN)
                .setOccurredAt(CREATED)
                .setPayload(new SessionCreated("s1", CREATED, CREATED.plusSeconds(3600), details))
                .build();
    }
}
