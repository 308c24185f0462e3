package io.sessionflow.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

import io.sessionflow.schemas.SessionStates;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.catalog.CatalogEntry;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionEventKind;
import io.sessionflow.schemas.events.SessionExpired;
import io.sessionflow.schemas.events.SessionRejected;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every provider's {@link SessionRules} keeps in the real processor topology
 * ({@link ProcessorTopologyFixture}: {@code TopologyTestDriver}, fixed clock, counted ids): a replayed request
 * is dropped, a session expires once, at its expiry, rejections have the documented shape, and every event
 * carries the request it answers. Each provider's {@code *SessionRulesTopologyTest} extends it, says how to
 * make its rules and the requests they accept and reject (its own {@code @BeforeEach} puts the catalog they
 * need), and adds the provider's own tests.
 *
 * @param <R> the provider's {@code SessionRequested} record
 */
public abstract class SessionRulesTopologyTest<R extends GenericRecord> {

    /** The fixed wall clock's start: every request is sent, and the catalog written, at this instant. */
    protected final Instant now;

    @TempDir
    protected Path stateDir;

    protected ProcessorTopologyFixture fixture;
    protected TopologyTestDriver driver;
    protected TestInputTopic<String, CatalogEntry> catalog;
    protected TestInputTopic<String, R> requests;
    protected TestOutputTopic<String, SessionEvent> events;
    private SessionRules<R> rules;

    protected SessionRulesTopologyTest(Instant now) {
        this.now = now;
    }

    /** The provider's rules under test, with the fixture's id source. */
    protected abstract SessionRules<R> rules(Supplier<UUID> ids);

    /** A request for session {@code sessionKey} that the rules answer with a new session: {@code SessionCreated} first. */
    protected abstract R accepted(String sessionKey);

    /** Requests the rules reject, one of each kind the catalog allows, each for a session key of its own. */
    protected abstract List<R> rejected();

    @BeforeEach
    void startTopology() {
        fixture = new ProcessorTopologyFixture(stateDir, now, ids -> rules = rules(ids));
        driver = fixture.driver;
        catalog = fixture.catalog;
        events = fixture.events;
        requests = fixture.input(rules.requests());
    }

    @AfterEach
    void stopTopology() {
        fixture.close();
    }

    @Test
    void aReplayedRequestIsDroppedAndItsSessionStays() {
        R request = accepted("k1");
        send(request);
        List<SessionEvent> answer = events.readValuesToList();
        SessionEvent state = state("k1");
        driver.advanceWallClockTime(Duration.ofSeconds(5));

        send(request);

        assertThat(answer)
                .first()
                .satisfies(event -> assertThat(event.getPayload()).isInstanceOf(SessionCreated.class));
        assertThat(events.isEmpty()).as("the replay makes no second answer").isTrue();
        assertThat(state("k1")).isNotNull().isEqualTo(state);
    }

    @Test
    void aReplayedRejectionIsDroppedToo() {
        R request = rejected().get(0);
        send(request);
        driver.advanceWallClockTime(Duration.ofHours(2));
        send(request);

        assertThat(events.readValuesToList())
                .extracting(e -> e.getPayload().getClass().getSimpleName())
                .containsExactly("SessionRejected");
    }

    @Test
    void aSessionExpiresOnceAtItsExpiryAndLeavesTheStore() {
        send(accepted("k1"));
        SessionEvent answer = events.readValuesToList().get(0);
        SessionCreated created = (SessionCreated) answer.getPayload();
        Duration untilExpiry = Duration.between(now, created.getExpiresAt());

        driver.advanceWallClockTime(untilExpiry.minusSeconds(1));
        assertThat(events.isEmpty()).as("not yet due").isTrue();
        driver.advanceWallClockTime(Duration.ofSeconds(1));

        SessionEvent expired = events.readValue();
        assertThat(expired.getSessionKey()).isEqualTo("k1");
        assertThat(expired.getTenantId()).isEqualTo(answer.getTenantId());
        assertThat(expired.getProvider()).isEqualTo(rules.provider());
        assertThat(expired.getKind()).isEqualTo(SessionEventKind.SESSION_EXPIRED);
        assertThat(expired.getPayload())
                .isEqualTo(SessionExpired.newBuilder()
                        .setSessionId(created.getSessionId())
                        .setExpiresAt(created.getExpiresAt())
                        .build());
        assertThat(state("k1")).isNull();
        driver.advanceWallClockTime(untilExpiry.plusHours(2));
        assertThat(events.isEmpty()).as("expired once").isTrue();
    }

    @Test
    void aStateStoredInTheFormatBeforeTheCompactStateIsStillReadAfterAnUpgrade() {
        R request = accepted("k1");
        send(request);
        SessionEvent answer = events.readValuesToList().get(0);
        SessionCreated created = (SessionCreated) answer.getPayload();
        // what the release before the compact state kept: the whole (lean) event, in session-events' format
        fixture.putStoredState(
                "k1", Topics.SESSION_EVENTS.valueSerde().serializer().serialize("", SessionStates.kept(answer)));

        assertThat(state("k1").getPayload())
                .isEqualTo(SessionStates.kept(answer).getPayload());
        assertThat(state("k1").getRequestKey()).isEqualTo(answer.getRequestKey());
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        send(request);
        assertThat(events.isEmpty()).as("the replay is still dropped").isTrue();

        driver.advanceWallClockTime(Duration.between(now.plusSeconds(5), created.getExpiresAt()));
        assertThat(events.readValuesToList())
                .extracting(SessionEvent::getPayload)
                .containsExactly(SessionExpired.newBuilder()
                        .setSessionId(created.getSessionId())
                        .setExpiresAt(created.getExpiresAt())
                        .build());
        assertThat(state("k1")).isNull();
    }

    /** The shape {@link SessionRules} documents: the answer is one rejection, complete, and leaves no state. */
    @Test
    void rejectionsHaveTheDocumentedShape() {
        List<R> rejected = rejected();
        assertThat(rejected).isNotEmpty();
        for (R request : rejected) {
            String sessionKey = (String) request.get("sessionKey");
            send(request);

            assertThat(events.readValuesToList())
                    .as("the answer to %s", request)
                    .singleElement()
                    .satisfies(event -> {
                        assertThat(event.getKind()).isEqualTo(SessionEventKind.SESSION_REJECTED);
                        assertThat(event.getProvider()).isEqualTo(rules.provider());
                        assertThat(event.getSessionKey()).isEqualTo(sessionKey);
                        assertThat(event.getRequestKey())
                                .isEqualTo(Objects.requireNonNullElse(request.get("requestKey"), sessionKey));
                        assertThat(event.getRequestFingerprint()).isEqualTo(request.get("requestFingerprint"));
                        SessionRejected rejection = (SessionRejected) event.getPayload();
                        assertThat(rejection.getCode()).isNotBlank();
                        assertThat(rejection.getHttpStatus()).isBetween(400, 499);
                        assertThat(rejection.getMessage()).isNotBlank();
                        assertThat(rejection.getReasons()).allSatisfy(reason -> {
                            assertThat(reason.getField()).isNotBlank();
                            assertThat(reason.getMessage()).isNotBlank();
                        });
                    });
            assertThat(state(sessionKey)).as("a rejection leaves no state").isNull();
        }
    }

    @Test
    void everyEventCarriesTheRequestKeyAndFingerprintItAnswers() {
        R keyed = accepted("k1");
        keyed.put("requestKey", "r1");
        R unkeyed = accepted("k2");
        unkeyed.put("requestKey", null);

        send(keyed);
        List<SessionEvent> keyedAnswer = events.readValuesToList();
        send(unkeyed);
        List<SessionEvent> unkeyedAnswer = events.readValuesToList();

        assertThat(keyedAnswer).isNotEmpty().allSatisfy(event -> {
            assertThat(event.getRequestKey()).isEqualTo("r1");
            assertThat(event.getRequestFingerprint()).isEqualTo(keyed.get("requestFingerprint"));
        });
        assertThat(state("k1").getRequestKey())
                .as("the state remembers the request that made it")
                .isEqualTo("r1");
        assertThat(unkeyedAnswer).isNotEmpty().allSatisfy(event -> {
            assertThat(event.getRequestKey())
                    .as("no request key of its own: the session key")
                    .isEqualTo("k2");
            assertThat(event.getRequestFingerprint()).isEqualTo(unkeyed.get("requestFingerprint"));
        });
    }

    @Test
    void oneRequestKeyOnTwoSessionsIsTwoRequests() {
        R first = accepted("k1");
        first.put("requestKey", "same");
        R second = accepted("k2");
        second.put("requestKey", "same");

        send(first);
        List<KeyValue<String, SessionEvent>> firstAnswer = events.readKeyValuesToList();
        send(second);
        List<KeyValue<String, SessionEvent>> secondAnswer = events.readKeyValuesToList();

        assertThat(firstAnswer).isNotEmpty().extracting(kv -> kv.key).containsOnly("k1");
        assertThat(secondAnswer)
                .hasSameSizeAs(firstAnswer)
                .extracting(kv -> kv.key)
                .containsOnly("k2");
    }

    /** Sends a request on the provider's request topic, keyed by its session key, at {@link #now}. */
    protected void send(R request) {
        requests.pipeInput((String) request.get("sessionKey"), request, now);
    }

    /** Writes a catalog entry at {@link #now}, as the admin API or the catalog file would. */
    protected void putCatalog(String key, Object payload) {
        fixture.putCatalog(key, payload);
    }

    /** The session's state in the processor's session store, or null. */
    protected SessionEvent state(String sessionKey) {
        return fixture.state(sessionKey);
    }
}
